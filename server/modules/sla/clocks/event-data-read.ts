/**
 * Which keys of an event's `data` the clock engine reads, by event type: all the engine ever
 * looks at. An event of a type not listed is read for its type, actor and time alone.
 *
 * Why declare it: a recompute reads a million events per 100,000 tickets, and the engine needs
 * little of each (a message's kind and channel, not its id or attachments). Given only these keys,
 * the data of most events is one of a few small values (`{"to": "closed"}`), parsed once and
 * shared instead of once per event: the app's CPU for a recompute fell by about a tenth
 * (bench/sla-recompute.ts; sla-clocks.repository.ts `loadClockEvents`). A property test
 * (compute-clocks.property.test.ts) checks that the engine reads no other key and that projected
 * data gives the same clocks; a key read but not listed here fails it.
 */
export const CLOCK_EVENT_DATA_READ: Readonly<Record<string, readonly string[]>> = Object.freeze({
  created: [
    'status',
    'priority',
    'tier_id',
    'channel',
    'team_id',
    'branch_id',
    'assignee_id',
    'organization_id',
    'category',
    'tags',
    'custom_fields',
  ],
  message_added: ['kind', 'channel'],
  status_changed: ['to'],
  priority_changed: ['to'],
  tier_changed: ['to'],
  assigned: ['to'],
  team_changed: ['to'],
  branch_changed: ['to'],
  organization_changed: ['to'],
  category_changed: ['to'],
  tags_changed: ['to'],
  custom_fields_changed: ['to'],
});

/** The keys of `data` the engine reads for this event type (none for a type it does not read). */
export function clockEventDataKeys(type: string): readonly string[] {
  return Object.hasOwn(CLOCK_EVENT_DATA_READ, type) ? (CLOCK_EVENT_DATA_READ[type] as readonly string[]) : [];
}

/**
 * An event's data as the engine needs it: only the keys it reads, a missing one as null (which the
 * engine reads as it reads a missing key). What `loadClockEvents` has the server send, in JS.
 */
export function projectClockEventData(type: string, data: Readonly<Record<string, unknown>> | null | undefined): Record<string, unknown> {
  const projected: Record<string, unknown> = {};
  for (const key of clockEventDataKeys(type)) projected[key] = data?.[key] ?? null;
  return projected;
}
