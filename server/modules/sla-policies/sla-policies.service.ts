import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { iso } from '../../../contracts/common.ts';
import type { createSlaPolicyBody, reorderSlaPoliciesBody, SlaPolicyDto, updateSlaPolicyBody } from '../../../contracts/sla-policies.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { decodeCursor, toPage } from '../../platform/cursor.ts';
import { AppError, conflict, type FieldIssue, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { DB, SlaPoliciesTable } from '../../platform/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/actor.ts';
import { addBusinessSeconds } from '../sla/business-time.ts';
import { createCalendar } from '../sla/calendar.ts';
import { DEFAULT_PAUSE_STATUSES } from '../sla/clocks/clock-types.ts';
import { queueSlaRecompute } from '../sla-recompute/sla-recompute.queue.ts';
import {
  normalizeConditions,
  normalizePauseStatuses,
  type PolicyReference,
  policyReferences,
  type ReferenceKind,
  toStoredRules,
  toStoredTargets,
} from './policy-input.ts';
import type { StoredPolicy } from './policy-types.ts';
import * as repo from './sla-policies.repository.ts';

type CreateInput = z.output<typeof createSlaPolicyBody>;
type UpdateInput = z.output<typeof updateSlaPolicyBody>;

export function toSlaPolicyDto(row: Selectable<SlaPoliciesTable>): SlaPolicyDto {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    active: row.active,
    conditions: row.conditions,
    targets: row.targets,
    pause_statuses: { ...DEFAULT_PAUSE_STATUSES, ...row.pause_statuses } as SlaPolicyDto['pause_statuses'],
    solve_while_waiting: row.solve_while_waiting,
    escalation_rules: row.escalation_rules,
    created_at: iso(row.created_at) as string,
    updated_at: iso(row.updated_at) as string,
  };
}

export function toStoredPolicy(row: Selectable<SlaPoliciesTable>): StoredPolicy {
  const { workspace_id: _w, created_at: _c, updated_at: _u, ...policy } = row;
  return policy;
}

/** The request's policy parts in their stored form (only the parts given). */
function storedParts(input: UpdateInput) {
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.active !== undefined ? { active: input.active } : {}),
    ...(input.conditions ? { conditions: normalizeConditions(input.conditions) } : {}),
    ...(input.targets ? { targets: toStoredTargets(input.targets) } : {}),
    ...(input.pause_statuses ? { pause_statuses: normalizePauseStatuses(input.pause_statuses) } : {}),
    ...(input.solve_while_waiting ? { solve_while_waiting: input.solve_while_waiting } : {}),
    ...(input.escalation_rules ? { escalation_rules: toStoredRules(input.escalation_rules) } : {}),
  };
}

/**
 * Every id must name something of this workspace that still exists (an active user, for
 * notifications): otherwise 422 invalid_reference naming each field. Then a business-mode
 * target's calendar must have open hours from now on, or the target would never come due (400).
 */
async function checkReferences(db: Kysely<DB>, ctx: RequestContext, refs: PolicyReference[]): Promise<void> {
  const issues: FieldIssue[] = [];
  const kinds = [...new Set(refs.map((r) => r.kind))];
  for (const kind of kinds) {
    const ids = [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.id))];
    const found = kind === 'users' ? await repo.findActiveUserIds(db, ctx.workspaceId, ids) : await repo.findIds(db, ctx.workspaceId, kind, ids);
    for (const ref of refs) {
      if (ref.kind === kind && !found.has(ref.id)) issues.push({ path: `body.${ref.path}`, message: `unknown id ${ref.id}` });
    }
  }
  if (issues.length > 0) throw new AppError('invalid_reference', 'The policy refers to something that does not exist', { issues });

  const calendarRefs = refs.filter((r) => r.kind === 'calendars');
  const rows = await repo.findCalendars(db, ctx.workspaceId, [...new Set(calendarRefs.map((r) => r.id))]);
  const closed = new Set(rows.filter((row) => !opensFrom(row.definition, ctx.now)).map((row) => row.id));
  for (const ref of calendarRefs) {
    if (closed.has(ref.id)) issues.push({ path: `body.${ref.path}`, message: 'this calendar has no open hours, so a business-mode target on it would never come due' });
  }
  if (issues.length > 0) throw new AppError('validation_failed', 'A business-mode target uses a calendar with no open hours', { issues });
}

/** Whether business time passes on the calendar after `now` (the arithmetic gives up after ten closed years). */
function opensFrom(definition: Parameters<typeof createCalendar>[0], now: Date): boolean {
  try {
    addBusinessSeconds(createCalendar(definition), now, 1);
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}

/*
 * Changes take `jobs` to queue the `sla.recompute` job in the same transaction when the change
 * can move clocks (an active policy is involved); without it (seeding, tests) nothing is queued.
 */

export async function createSlaPolicy(db: Kysely<DB>, ctx: RequestContext, input: CreateInput, jobs?: JobQueue): Promise<SlaPolicyDto> {
  const parts = storedParts(input);
  return db.transaction().execute(async (trx) => {
    if (await repo.findPolicyByName(trx, ctx.workspaceId, input.name)) throw conflict('An SLA policy with this name already exists');
    await checkReferences(trx, ctx, policyReferences(parts));
    const policy = await repo.insertPolicy(trx, {
      id: newId(ctx.now.getTime()),
      workspace_id: ctx.workspaceId,
      name: input.name,
      position: await repo.nextPosition(trx, ctx.workspaceId),
      active: input.active,
      conditions: JSON.stringify(parts.conditions ?? {}),
      targets: JSON.stringify(parts.targets ?? {}),
      pause_statuses: JSON.stringify(parts.pause_statuses ?? {}),
      solve_while_waiting: input.solve_while_waiting,
      escalation_rules: JSON.stringify(parts.escalation_rules ?? []),
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    await recordAudit(trx, ctx, 'sla_policy.created', { type: 'sla_policy', id: policy.id }, input);
    if (policy.active) await queueSlaRecompute(jobs, trx, ctx, { reason: 'sla_policy.created' });
    return toSlaPolicyDto(policy);
  });
}

export async function getSlaPolicy(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<SlaPolicyDto> {
  const policy = await repo.findPolicy(db, ctx.workspaceId, id);
  if (!policy) throw notFound('SLA policy');
  return toSlaPolicyDto(policy);
}

/** In evaluation order (position, then id). */
export async function listSlaPolicies(db: Kysely<DB>, ctx: RequestContext, query: { cursor?: string | undefined; limit: number }) {
  let after: [number, string] | undefined;
  if (query.cursor) {
    const [position, id] = decodeCursor(query.cursor, 2);
    if (typeof position !== 'number' || typeof id !== 'string') throw new AppError('invalid_cursor', 'The cursor is not one this server issued');
    after = [position, id];
  }
  const rows = await repo.listPolicies(db, ctx.workspaceId, after, query.limit);
  return toPage(rows, query.limit, (r) => [r.position, r.id], toSlaPolicyDto);
}

/** Each given field replaces the stored one as a whole. */
export async function updateSlaPolicy(db: Kysely<DB>, ctx: RequestContext, id: string, input: UpdateInput, jobs?: JobQueue): Promise<SlaPolicyDto> {
  const parts = storedParts(input);
  return db.transaction().execute(async (trx) => {
    const before = await repo.findPolicy(trx, ctx.workspaceId, id);
    if (!before) throw notFound('SLA policy');
    if (input.name) {
      const same = await repo.findPolicyByName(trx, ctx.workspaceId, input.name);
      if (same && same.id !== id) throw conflict('An SLA policy with this name already exists');
    }
    await checkReferences(trx, ctx, policyReferences(parts));
    const policy = await repo.updatePolicy(trx, ctx.workspaceId, id, {
      ...parts,
      ...(parts.conditions ? { conditions: JSON.stringify(parts.conditions) } : {}),
      ...(parts.targets ? { targets: JSON.stringify(parts.targets) } : {}),
      ...(parts.pause_statuses ? { pause_statuses: JSON.stringify(parts.pause_statuses) } : {}),
      ...(parts.escalation_rules ? { escalation_rules: JSON.stringify(parts.escalation_rules) } : {}),
      updated_at: ctx.now,
    });
    if (!policy) throw notFound('SLA policy');
    await recordAudit(trx, ctx, 'sla_policy.updated', { type: 'sla_policy', id }, input);
    if (before.active || policy.active) await queueSlaRecompute(jobs, trx, ctx, { reason: 'sla_policy.updated' });
    return toSlaPolicyDto(policy);
  });
}

export async function deleteSlaPolicy(db: Kysely<DB>, ctx: RequestContext, id: string, jobs?: JobQueue): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await repo.findPolicy(trx, ctx.workspaceId, id);
    if (!before || !(await repo.deletePolicy(trx, ctx.workspaceId, id))) throw notFound('SLA policy');
    await recordAudit(trx, ctx, 'sla_policy.deleted', { type: 'sla_policy', id });
    if (before.active) await queueSlaRecompute(jobs, trx, ctx, { reason: 'sla_policy.deleted' });
  });
}

/**
 * Sets the evaluation order. The list must name every policy of the workspace exactly once, so
 * a reorder made from a stale list (a policy created meanwhile) is refused instead of guessed at.
 */
export async function reorderSlaPolicies(db: Kysely<DB>, ctx: RequestContext, input: z.output<typeof reorderSlaPoliciesBody>, jobs?: JobQueue) {
  return db.transaction().execute(async (trx) => {
    const current = await repo.lockPolicyOrder(trx, ctx.workspaceId);
    const known = new Set(current.map((p) => p.id));
    const seen = new Set<string>();
    const repeated: string[] = [];
    for (const id of input.ids) {
      if (seen.has(id)) repeated.push(id);
      seen.add(id);
    }
    if (repeated.length > 0) throw invalidOrder(`lists ${repeated.join(', ')} more than once`);
    const unknown = input.ids.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new AppError('invalid_reference', 'ids names a policy that does not exist', {
        issues: unknown.map((id) => ({ path: 'body.ids', message: `unknown id ${id}` })),
      });
    }
    const missing = current.filter((p) => !seen.has(p.id)).map((p) => p.id);
    if (missing.length > 0) throw invalidOrder(`must list every policy; missing ${missing.join(', ')}`);
    for (const [index, id] of input.ids.entries()) {
      const position = index + 1;
      if (current.find((p) => p.id === id)?.position !== position) await repo.setPosition(trx, ctx.workspaceId, id, position, ctx.now);
    }
    await recordAudit(trx, ctx, 'sla_policy.reordered', { type: 'sla_policy', id: null }, { ids: input.ids });
    await queueSlaRecompute(jobs, trx, ctx, { reason: 'sla_policy.reordered' });
    const all = await repo.listPolicies(trx, ctx.workspaceId, undefined, input.ids.length);
    return { data: all.map(toSlaPolicyDto) };
  });
}

function invalidOrder(message: string): AppError {
  return new AppError('validation_failed', `ids ${message}`, { issues: [{ path: 'body.ids', message }] });
}

export type ReferencedKind = Exclude<ReferenceKind, 'users'>;

export interface ReferencingPolicy {
  id: string;
  name: string;
  active: boolean;
  /** The policy fields that name it, e.g. `conditions.tier_ids`, `targets.urgent.resolution.calendar_id`. */
  paths: string[];
}

/**
 * The policies (active or not) whose conditions, business targets' calendars or escalation
 * reassignments name this tier, organization, team, branch or calendar.
 */
export async function policiesReferencing(db: Kysely<DB>, workspaceId: string, kind: ReferencedKind, id: string): Promise<ReferencingPolicy[]> {
  const found: ReferencingPolicy[] = [];
  for (const policy of await repo.listPolicyReferenceParts(db, workspaceId)) {
    const paths = policyReferences(policy).filter((r) => r.kind === kind && r.id === id).map((r) => r.path);
    if (paths.length > 0) found.push({ id: policy.id, name: policy.name, active: policy.active, paths: [...new Set(paths)] });
  }
  return found;
}

/**
 * For the delete of a tier, organization, team, branch or calendar: 409 conflict naming the SLA
 * policies that still refer to it (issue 3, "Bad input": a policy must not silently lose a
 * condition or a calendar). Change or delete those policies first.
 */
export async function assertNoPolicyReferences(db: Kysely<DB>, workspaceId: string, kind: ReferencedKind, id: string): Promise<void> {
  const policies = await policiesReferencing(db, workspaceId, kind, id);
  if (policies.length === 0) return;
  const names = policies.map((p) => `"${p.name}"`).join(', ');
  throw new AppError('conflict', `SLA ${policies.length === 1 ? 'policy' : 'policies'} ${names} still ${policies.length === 1 ? 'refers' : 'refer'} to it; change or delete ${policies.length === 1 ? 'that policy' : 'them'} first`, {
    issues: policies.flatMap((p) => p.paths.map((path) => ({ path: `sla_policies.${p.id}.${path}`, message: `SLA policy "${p.name}" refers to it` }))),
  });
}
