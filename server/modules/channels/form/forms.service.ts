import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { iso } from '../../../../contracts/common.ts';
import type { createFormBody, FormDto, FormField, updateFormBody } from '../../../../contracts/forms.ts';
import { decodeCursor, toPage } from '../../../platform/cursor.ts';
import { notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import type { DB, WebFormsTable } from '../../../platform/schema.ts';
import type { RequestContext } from '../../auth/actor.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { assertReferences } from '../../shared/references.repository.ts';
import * as repo from './forms.repository.ts';

/** Admin side of the web forms: create, list, change, delete (audited). */

type FormRow = Selectable<WebFormsTable>;

export const publicFormPath = (id: string) => `/api/v1/public/forms/${id}`;

export function toFormDto(f: FormRow): FormDto {
  return {
    id: f.id,
    name: f.name,
    enabled: f.enabled,
    locale: f.locale,
    fields: f.fields as unknown as FormField[],
    category: f.category,
    team_id: f.team_id,
    priority: f.priority,
    tags: f.tags,
    max_per_ip_per_hour: f.max_per_ip_per_hour,
    spam_blocked: f.spam_blocked,
    submit_path: publicFormPath(f.id),
    embed_path: `${publicFormPath(f.id)}/embed`,
    created_at: iso(f.created_at) as string,
    updated_at: iso(f.updated_at) as string,
  };
}

export async function createForm(db: Kysely<DB>, ctx: RequestContext, input: z.output<typeof createFormBody>): Promise<FormDto> {
  return db.transaction().execute(async (trx) => {
    await assertReferences(trx, ctx.workspaceId, 'teams', [input.team_id], 'team_id');
    const form = await repo.insertForm(trx, {
      id: newId(ctx.now.getTime()),
      workspace_id: ctx.workspaceId,
      name: input.name,
      enabled: input.enabled,
      locale: input.locale,
      fields: JSON.stringify(input.fields),
      category: input.category ?? null,
      team_id: input.team_id ?? null,
      priority: input.priority,
      tags: input.tags,
      max_per_ip_per_hour: input.max_per_ip_per_hour,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    await recordAudit(trx, ctx, 'form.created', { type: 'web_form', id: form.id }, { name: form.name, enabled: form.enabled });
    return toFormDto(form);
  });
}

export async function getForm(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<FormDto> {
  const form = await repo.findForm(db, ctx.workspaceId, id);
  if (!form) throw notFound('Form');
  return toFormDto(form);
}

export async function listForms(db: Kysely<DB>, ctx: RequestContext, query: { cursor?: string | undefined; limit: number }) {
  const after = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  const rows = await repo.listForms(db, ctx.workspaceId, after, query.limit);
  return toPage(rows, query.limit, (r) => [r.id], toFormDto);
}

export async function updateForm(db: Kysely<DB>, ctx: RequestContext, id: string, input: z.output<typeof updateFormBody>): Promise<FormDto> {
  return db.transaction().execute(async (trx) => {
    await assertReferences(trx, ctx.workspaceId, 'teams', [input.team_id], 'team_id');
    const { fields, ...rest } = input;
    const form = await repo.updateForm(trx, ctx.workspaceId, id, {
      ...rest,
      ...(fields ? { fields: JSON.stringify(fields) } : {}),
      updated_at: ctx.now,
    });
    if (!form) throw notFound('Form');
    await recordAudit(trx, ctx, 'form.updated', { type: 'web_form', id }, { ...input });
    return toFormDto(form);
  });
}

/** Tickets made from the form stay; only the form (and its rate-limit counters) go. */
export async function deleteForm(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await repo.deleteForm(trx, ctx.workspaceId, id))) throw notFound('Form');
    await recordAudit(trx, ctx, 'form.deleted', { type: 'web_form', id });
  });
}
