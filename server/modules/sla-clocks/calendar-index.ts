import type { Kysely } from 'kysely';
import type { DB } from '../../platform/schema.ts';
import { type BusinessCalendar, createCalendar, normalizeCalendarDefinition, type NormalizedCalendarDefinition } from '../sla/calendar.ts';
import * as repo from './sla-clocks.repository.ts';

/**
 * Which stored calendar a compiled one is. The clock engine's targets carry compiled calendars
 * (BusinessCalendar), not ids; a stored clock names its calendar so that its remaining business
 * time can be measured later without the policies. Policies compile calendars from the stored
 * definition, so the canonical definition identifies it; two calendars with the same definition
 * measure the same time, and either id will do.
 */
export class CalendarIndex {
  #byDefinition: Map<string, string> | null = null;
  readonly #ids = new WeakMap<BusinessCalendar, string | null>();
  /** Compiled calendars met so far, by id (for the DTOs of the tickets just refreshed). */
  readonly compiled = new Map<string, BusinessCalendar>();

  constructor(private readonly workspaceId: string) {}

  get loaded(): boolean {
    return this.#byDefinition !== null;
  }

  async load(db: Kysely<DB>): Promise<void> {
    if (this.#byDefinition) return;
    const index = new Map<string, string>();
    for (const row of await repo.listCalendarDefinitions(db, this.workspaceId)) {
      const key = definitionKey(row.definition);
      if (key !== null && !index.has(key)) index.set(key, row.id);
    }
    this.#byDefinition = index;
  }

  /** Call load() first; null when no stored calendar has this definition. */
  idOf(calendar: BusinessCalendar): string | null {
    if (!this.#byDefinition) throw new Error('CalendarIndex.load() was not awaited');
    let id = this.#ids.get(calendar);
    if (id === undefined) {
      id = this.#byDefinition.get(stableJson(calendar.definition)) ?? null;
      this.#ids.set(calendar, id);
      if (id !== null) this.compiled.set(id, calendar);
    }
    return id;
  }
}

/** The compiled calendars of these ids (one query); a calendar that no longer compiles is left out. */
export async function loadCalendars(db: Kysely<DB>, workspaceId: string, ids: string[]): Promise<Map<string, BusinessCalendar>> {
  const calendars = new Map<string, BusinessCalendar>();
  for (const row of await repo.listCalendarDefinitions(db, workspaceId, [...new Set(ids)])) {
    try {
      calendars.set(row.id, createCalendar(row.definition));
    } catch {
      // Edited into something invalid since: business remaining time is then unknown (null).
    }
  }
  return calendars;
}

function definitionKey(definition: NormalizedCalendarDefinition): string | null {
  try {
    return stableJson(normalizeCalendarDefinition(definition));
  } catch {
    return null;
  }
}

/** JSON with object keys sorted (jsonb does not keep key order). */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
