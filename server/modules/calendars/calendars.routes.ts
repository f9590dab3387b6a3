import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { calendarDto, createCalendarBody, holidayImportDto, updateCalendarBody } from '../../../contracts/calendars.ts';
import { idParams, page, pageQuery } from '../../../contracts/common.ts';
import { contextOf, dbOf } from '../../http/context.ts';
import { withIdempotency } from '../../http/idempotency.ts';
import { AppError } from '../../platform/errors.ts';
import { createCalendar, deleteCalendar, getCalendar, importHolidays, listCalendars, updateCalendar } from './calendars.service.ts';

const ICALENDAR = 'text/calendar';

export async function calendarsRoutes(fastify: FastifyInstance) {
  // Scoped to this plugin: only the holiday import takes iCalendar. Kept as
  // bytes: the parser unfolds lines before decoding UTF-8 (see ics-holidays.ts).
  fastify.addContentTypeParser(ICALENDAR, { parseAs: 'buffer' }, (_request, body, done) => {
    done(null, body);
  });
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['calendars'];

  app.get(
    '/calendars',
    { config: { auth: 'agent' }, schema: { tags, summary: 'List business calendars', querystring: z.object(pageQuery).strict(), response: { 200: page(calendarDto) } } },
    async (request) => listCalendars(dbOf(request), contextOf(request), request.query),
  );
  app.post(
    '/calendars',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Create a business calendar',
        description: 'Overnight weekly intervals (22:00–06:00) are split at midnight; the response shows the stored, normalised form.',
        body: createCalendarBody,
        response: { 201: calendarDto },
      },
    },
    async (request, reply) => withIdempotency(request, reply, 201, () => createCalendar(dbOf(request), contextOf(request), request.body)),
  );
  app.get(
    '/calendars/:id',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Get a business calendar', params: idParams, response: { 200: calendarDto } } },
    async (request) => getCalendar(dbOf(request), contextOf(request), request.params.id),
  );
  app.patch(
    '/calendars/:id',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Change a business calendar',
        description: 'Each given field replaces the stored one as a whole (e.g. `holidays` is the complete new list).',
        params: idParams,
        body: updateCalendarBody,
        response: { 200: calendarDto },
      },
    },
    async (request) => updateCalendar(dbOf(request), contextOf(request), request.params.id, request.body, request.server.deps.jobs),
  );
  app.delete(
    '/calendars/:id',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Delete a calendar no branch or team uses', params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteCalendar(dbOf(request), contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/calendars/:id/holidays/import',
    {
      config: { auth: 'admin' },
      preValidation: async (request) => {
        const type = String(request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
        if (type !== ICALENDAR) throw new AppError('unsupported_media_type', `Send the holidays as ${ICALENDAR} (an .ics file)`);
      },
      schema: {
        tags,
        summary: 'Import holidays from an iCalendar (.ics) file',
        description:
          'Each VEVENT becomes one holiday per date it covers (DTEND is exclusive); SUMMARY names it; RRULE:FREQ=YEARLY on a fixed date makes it yearly. ' +
          'A UTC start time counts on its date in the calendar’s zone. Dates that are already holidays, and events that cannot be holidays ' +
          '(weekly rules, moving yearly rules such as BYDAY, cancelled events), are listed in `summary.skipped`. Sending the same file again adds nothing.',
        consumes: [ICALENDAR],
        params: idParams,
        body: z.unknown().describe('iCalendar text (RFC 5545)'),
        response: { 200: holidayImportDto },
      },
    },
    async (request) => importHolidays(dbOf(request), contextOf(request), request.params.id, Buffer.isBuffer(request.body) ? request.body : '', request.server.deps.jobs),
  );
}
