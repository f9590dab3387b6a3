import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { iso } from '../../../../contracts/common.ts';
import type { createMailboxBody, MailboxDto, updateMailboxBody } from '../../../../contracts/email.ts';
import { decodeCursor, toPage } from '../../../platform/cursor.ts';
import { conflict, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import type { DB, EmailMailboxesTable } from '../../../platform/schema.ts';
import type { SecretBox } from '../../../platform/secrets.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import type { RequestContext } from '../../auth/actor.ts';
import * as repo from './email.repository.ts';

/**
 * IMAP mailboxes of a workspace (admin). The password is sealed with the instance SecretBox
 * before it is stored and never leaves the server again; audit rows never carry it.
 */
export function toMailboxDto(m: Selectable<EmailMailboxesTable>): MailboxDto {
  return {
    id: m.id,
    name: m.name,
    host: m.host,
    port: m.port,
    secure: m.secure,
    username: m.username,
    folder: m.folder,
    active: m.active,
    import_existing: m.import_existing,
    has_password: true,
    last_polled_at: iso(m.last_polled_at),
    last_error: m.last_error,
    created_at: iso(m.created_at) as string,
    updated_at: iso(m.updated_at) as string,
  };
}

function withoutPassword<T extends { password?: string | undefined }>(input: T): Omit<T, 'password'> & { password_changed?: true } {
  const { password, ...rest } = input;
  return password === undefined ? rest : { ...rest, password_changed: true };
}

export async function createMailbox(db: Kysely<DB>, ctx: RequestContext, input: z.output<typeof createMailboxBody>, box: SecretBox): Promise<MailboxDto> {
  return db.transaction().execute(async (trx) => {
    if (await repo.findMailboxByAccount(trx, ctx.workspaceId, input)) throw conflict('This mailbox folder is already configured');
    const mailbox = await repo.insertMailbox(trx, {
      id: newId(ctx.now.getTime()),
      workspace_id: ctx.workspaceId,
      name: input.name,
      host: input.host,
      port: input.port,
      secure: input.secure,
      username: input.username,
      password_sealed: box.seal(input.password),
      folder: input.folder,
      active: input.active,
      import_existing: input.import_existing,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    await recordAudit(trx, ctx, 'mailbox.created', { type: 'mailbox', id: mailbox.id }, withoutPassword(input));
    return toMailboxDto(mailbox);
  });
}

export async function getMailbox(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<MailboxDto> {
  const mailbox = await repo.findMailbox(db, ctx.workspaceId, id);
  if (!mailbox) throw notFound('Mailbox');
  return toMailboxDto(mailbox);
}

export async function listMailboxes(db: Kysely<DB>, ctx: RequestContext, query: { cursor?: string | undefined; limit: number }) {
  const after = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  const rows = await repo.listMailboxes(db, ctx.workspaceId, after, query.limit);
  return toPage(rows, query.limit, (r) => [r.id], toMailboxDto);
}

export async function updateMailbox(db: Kysely<DB>, ctx: RequestContext, id: string, input: z.output<typeof updateMailboxBody>, box: SecretBox): Promise<MailboxDto> {
  return db.transaction().execute(async (trx) => {
    const current = await repo.findMailbox(trx, ctx.workspaceId, id);
    if (!current) throw notFound('Mailbox');
    const account = { host: input.host ?? current.host, username: input.username ?? current.username, folder: input.folder ?? current.folder };
    const same = await repo.findMailboxByAccount(trx, ctx.workspaceId, account);
    if (same && same.id !== id) throw conflict('This mailbox folder is already configured');
    const { password, ...fields } = input;
    // Another server, account or folder is another mailbox: its UIDs mean nothing here.
    const moved = account.host !== current.host || account.username !== current.username || account.folder !== current.folder;
    const mailbox = await repo.updateMailbox(trx, ctx.workspaceId, id, {
      ...fields,
      ...(password !== undefined ? { password_sealed: box.seal(password) } : {}),
      ...(moved ? { uid_validity: null, last_uid: 0 } : {}),
      last_error: null,
      updated_at: ctx.now,
    });
    if (!mailbox) throw notFound('Mailbox');
    await recordAudit(trx, ctx, 'mailbox.updated', { type: 'mailbox', id }, withoutPassword(input));
    return toMailboxDto(mailbox);
  });
}

export async function deleteMailbox(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await repo.deleteMailbox(trx, ctx.workspaceId, id))) throw notFound('Mailbox');
    await recordAudit(trx, ctx, 'mailbox.deleted', { type: 'mailbox', id });
  });
}
