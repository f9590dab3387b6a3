import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams, page } from '../../../contracts/common.ts';
import { listNotificationsQuery, notificationDto } from '../../../contracts/notifications.ts';
import { contextOf, dbOf } from '../../http/context.ts';
import { listNotifications, markNotificationRead } from './notifications.service.ts';

export async function notificationsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];

  app.get(
    '/notifications',
    {
      config: { auth: 'agent' },
      schema: { tags, summary: 'Your in-app notifications, newest first (an API key has none)', querystring: listNotificationsQuery, response: { 200: page(notificationDto) } },
    },
    async (request) => listNotifications(dbOf(request), contextOf(request), request.query),
  );
  app.post(
    '/notifications/:id/read',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Mark one of your notifications read', params: idParams, response: { 200: notificationDto } } },
    async (request) => markNotificationRead(dbOf(request), contextOf(request), request.params.id),
  );
}
