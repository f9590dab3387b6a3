import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, page, pageQuery } from '../../../../contracts/common.ts';
import { createMailboxBody, mailboxDto, updateMailboxBody } from '../../../../contracts/email.ts';
import { contextOf, dbOf } from '../../../http/context.ts';
import { withIdempotency } from '../../../http/idempotency.ts';
import { secretBoxFor } from '../../../platform/secrets.ts';
import { createMailbox, deleteMailbox, getMailbox, listMailboxes, updateMailbox } from './mailboxes.service.ts';
import { downloadRawMail } from './raw-mail.service.ts';

export async function mailboxesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['email'];
  const box = () => secretBoxFor(fastify.deps.config);

  app.get(
    '/mailboxes',
    { config: { auth: 'admin' }, schema: { tags, summary: 'List IMAP mailboxes polled for new tickets', querystring: z.object(pageQuery).strict(), response: { 200: page(mailboxDto) } } },
    async (request) => listMailboxes(dbOf(request), contextOf(request), request.query),
  );
  app.post(
    '/mailboxes',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Add an IMAP mailbox (the password is stored encrypted, never returned)', body: createMailboxBody, response: { 201: mailboxDto } } },
    async (request, reply) => withIdempotency(request, reply, 201, () => createMailbox(dbOf(request), contextOf(request), request.body, box())),
  );
  app.get(
    '/mailboxes/:id',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Get an IMAP mailbox', params: idParams, response: { 200: mailboxDto } } },
    async (request) => getMailbox(dbOf(request), contextOf(request), request.params.id),
  );
  app.patch(
    '/mailboxes/:id',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Change an IMAP mailbox', params: idParams, body: updateMailboxBody, response: { 200: mailboxDto } } },
    async (request) => updateMailbox(dbOf(request), contextOf(request), request.params.id, request.body, box()),
  );
  app.delete(
    '/mailboxes/:id',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Stop polling and forget an IMAP mailbox', params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteMailbox(dbOf(request), contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/tickets/:id/messages/:messageId/raw',
    {
      config: { auth: 'agent' },
      schema: {
        tags,
        summary: 'The original mail of an inbound message, byte for byte (message/rfc822, as a download)',
        params: z.object({ id: z.uuid(), messageId: z.uuid() }).strict(),
      },
    },
    async (request, reply) => {
      const raw = await downloadRawMail(dbOf(request), contextOf(request), request.server.deps.config, request.params.id, request.params.messageId);
      return reply
        .header('content-type', 'message/rfc822')
        .header('content-disposition', `attachment; filename="message-${request.params.messageId}.eml"`)
        .header('x-content-type-options', 'nosniff')
        .send(raw);
    },
  );
}
