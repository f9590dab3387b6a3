import type { FastifyInstance } from 'fastify';
import { apiKeysRoutes } from '../modules/api-keys/api-keys.routes.ts';
import { branchesRoutes } from '../modules/branches/branches.routes.ts';
import { calendarsRoutes } from '../modules/calendars/calendars.routes.ts';
import { slaPoliciesRoutes } from '../modules/sla-policies/sla-policies.routes.ts';
import { slaReportRoutes } from '../modules/sla-clocks/sla-report.routes.ts';
import { slaRecomputeRoutes } from '../modules/sla-recompute/sla-recompute.routes.ts';
import { notificationsRoutes } from '../modules/notifications/notifications.routes.ts';
import { organizationsRoutes } from '../modules/organizations/organizations.routes.ts';
import { tiersRoutes } from '../modules/tiers/tiers.routes.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { authRoutes } from '../modules/auth/auth.routes.ts';
import { importsRoutes } from '../modules/imports/imports.routes.ts';
import { customersRoutes } from '../modules/customers/customers.routes.ts';
import { eventsRoutes } from '../modules/realtime/events.routes.ts';
import { teamsRoutes } from '../modules/teams/teams.routes.ts';
import { ticketsRoutes } from '../modules/tickets/tickets.routes.ts';
import { usersRoutes } from '../modules/users/users.routes.ts';
import { workspacesRoutes } from '../modules/workspaces/workspaces.routes.ts';

/** Every module's routes, mounted under /api/v1. Add a line per module. */
export async function registerApiRoutes(app: FastifyInstance) {
  await app.register(authRoutes);
  await app.register(workspacesRoutes);
  await app.register(usersRoutes);
  await app.register(teamsRoutes);
  await app.register(customersRoutes);
  await app.register(ticketsRoutes);
  await app.register(auditRoutes);
  await app.register(eventsRoutes);
  await app.register(branchesRoutes);
  await app.register(tiersRoutes);
  await app.register(organizationsRoutes);
  await app.register(apiKeysRoutes);
  await app.register(importsRoutes);
  await app.register(calendarsRoutes);
  await app.register(slaPoliciesRoutes);
  await app.register(slaReportRoutes);
  await app.register(notificationsRoutes);
  await app.register(slaRecomputeRoutes);
}
