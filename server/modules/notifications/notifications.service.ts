/**
 * Notifications to users: an in-app inbox (GET /api/v1/notifications) and an email copy
 * rendered and sent by the `notifications.email` job through the SMTP relay
 * (GAPWISE_SMTP_URL). Without a relay the rendered copy is kept, marked not sent.
 */
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { iso } from '../../../contracts/common.ts';
import type { listNotificationsQuery, NotificationDto } from '../../../contracts/notifications.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { decodeCursor, toPage } from '../../platform/cursor.ts';
import { notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { DB, NotificationsTable } from '../../platform/schema.ts';
import type { RequestContext } from '../auth/actor.ts';
import { MailDeliveryError, type Mailer, MailNotConfiguredError } from '../../platform/mailer.ts';
import * as repo from './notifications.repository.ts';

export const NOTIFICATIONS_EMAIL = 'notifications.email';

export interface Notice {
  workspaceId: string;
  userIds: readonly string[];
  ticketId: string | null;
  kind: string;
  /** The text, in the workspace's words; `render` (when given) writes it in each user's language. */
  subject: string;
  body: string;
  render?: (reader: { locale: string; timeZone: string | null }) => { subject: string; body: string };
  data: Record<string, unknown>;
  /** Identifies what is being notified; with the user and channel it makes each row once. */
  dedupeKey: string;
  at: Date;
}

/**
 * Writes an in-app notice for each active user named (others are skipped) and queues its email
 * copy, in the caller's transaction: the notices exist exactly when the change that caused them
 * commits. Idempotent: a notice already written under the same key is not written or queued
 * again. Returns the users notified.
 */
export async function notifyUsers(db: Kysely<DB>, jobs: JobQueue, notice: Notice): Promise<string[]> {
  const users = await repo.findActiveUsers(db, notice.workspaceId, [...new Set(notice.userIds)]);
  const notified: string[] = [];
  for (const user of users) {
    const text = notice.render ? notice.render({ locale: user.locale, timeZone: user.time_zone }) : notice;
    const row = await repo.insertNotification(db, {
      id: newId(notice.at.getTime()),
      workspace_id: notice.workspaceId,
      user_id: user.id,
      ticket_id: notice.ticketId,
      kind: notice.kind,
      channel: 'in_app',
      subject: text.subject,
      body: text.body,
      data: JSON.stringify(notice.data),
      dedupe_key: `${notice.dedupeKey}:${user.id}:in_app`,
      created_at: notice.at,
      // In-app notices are delivered by being stored.
      sent_at: notice.at,
    });
    if (!row) continue;
    await jobs.send(db, NOTIFICATIONS_EMAIL, { workspace_id: notice.workspaceId, notification_id: row.id });
    notified.push(user.id);
  }
  return notified;
}

/**
 * The job's work: renders the email copy of an in-app notice and records it for the email
 * channel (`sent_at` null). Safe to run twice (dedupe key). A user deactivated since gets none.
 */
export async function recordEmailCopy(db: Kysely<DB>, workspaceId: string, notificationId: string, now: Date): Promise<boolean> {
  const source = await repo.findNotification(db, workspaceId, notificationId);
  if (!source) return false;
  const [user] = await repo.findActiveUsers(db, workspaceId, [source.user_id]);
  if (!user) return false;
  const row = await repo.insertNotification(db, {
    id: newId(now.getTime()),
    workspace_id: workspaceId,
    user_id: user.id,
    ticket_id: source.ticket_id,
    kind: source.kind,
    channel: 'email',
    subject: source.subject,
    body: `Hello ${user.name},\n\n${source.body}\n\n— Gapwise`,
    data: JSON.stringify({ ...source.data, to: user.email, in_app_id: source.id }),
    dedupe_key: `email:${source.id}`,
    created_at: now,
    sent_at: null,
  });
  return row !== undefined;
}

/**
 * Renders (once) and sends the email copy of an in-app notice. Safe to run again: a copy the
 * relay accepted is not sent twice (a crash between the relay's answer and the update below
 * could still send twice — at-least-once, as with any SMTP client). A temporary failure throws
 * so the job queue retries with backoff; a permanent one, or no relay, is recorded on the row.
 */
export async function deliverEmailNotification(
  db: Kysely<DB>,
  mailer: Mailer,
  workspaceId: string,
  notificationId: string,
  now: Date,
): Promise<'sent' | 'already_sent' | 'not_configured' | 'rejected' | 'gone'> {
  await recordEmailCopy(db, workspaceId, notificationId, now);
  const copy = await repo.findByDedupeKey(db, workspaceId, `email:${notificationId}`);
  if (!copy) return 'gone';
  if (copy.sent_at) return 'already_sent';
  const to = typeof copy.data.to === 'string' ? copy.data.to : null;
  if (!to) return 'gone';
  try {
    const sent = await mailer.send({ to: [to], subject: copy.subject, text: copy.body });
    await repo.recordDelivery(db, workspaceId, copy.id, { status: 'sent', message_id: sent.messageId }, now);
    return 'sent';
  } catch (error) {
    if (error instanceof MailNotConfiguredError) {
      await repo.recordDelivery(db, workspaceId, copy.id, { status: 'not_sent', reason: error.message }, null);
      return 'not_configured';
    }
    if (error instanceof MailDeliveryError && error.permanent) {
      await repo.recordDelivery(db, workspaceId, copy.id, { status: 'rejected', reason: error.message }, null);
      return 'rejected';
    }
    throw error;
  }
}

export function toNotificationDto(n: Selectable<NotificationsTable>): NotificationDto {
  return {
    id: n.id,
    kind: n.kind,
    ticket_id: n.ticket_id,
    subject: n.subject,
    body: n.body,
    data: n.data,
    created_at: iso(n.created_at) as string,
    read_at: iso(n.read_at),
  };
}

/** The signed-in user's in-app notices, newest first. An API key acts for no user: it has none. */
export async function listNotifications(db: Kysely<DB>, ctx: RequestContext, query: z.output<typeof listNotificationsQuery>) {
  const userId = ctx.actor.userId;
  if (!userId) return { data: [], next_cursor: null };
  const before = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  const rows = await repo.listInbox(db, ctx.workspaceId, userId, { unread: query.unread === 'true', before, limit: query.limit });
  return toPage(rows, query.limit, (r) => [r.id], toNotificationDto);
}

/** Marks one of the user's own notices read; anyone else's is not found. */
export async function markNotificationRead(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<NotificationDto> {
  const userId = ctx.actor.userId;
  const row = userId ? await repo.markRead(db, ctx.workspaceId, userId, id, ctx.now) : undefined;
  if (!row) throw notFound('Notification');
  return toNotificationDto(row);
}
