/**
 * Holidays from an iCalendar file (RFC 5545), as published by governments and
 * by Google/Outlook "Holidays in …" calendars. Pure: text in, holidays out.
 *
 * What is used: VEVENT's DTSTART (a DATE, or a DATE-TIME → its local date),
 * DTEND (exclusive) or DURATION for multi-day events (one holiday per date),
 * SUMMARY as the name, and RRULE:FREQ=YEARLY on a fixed date → a yearly
 * holiday (with COUNT/UNTIL: one holiday per year it covers). Everything else
 * is ignored; events that cannot become holidays are reported, not guessed at.
 */
import { DAY_MS, dayNumberOfIsoDate, isoDateOfDayNumber, offsetAt } from '../sla/zoned-time.ts';

export interface ImportedHoliday {
  /** `YYYY-MM-DD`, or `MM-DD` when `recurringYearly`. */
  date: string;
  name: string | null;
  recurringYearly: boolean;
  /** Line of the event's BEGIN:VEVENT. */
  line: number;
}

export interface SkippedEvent {
  line: number;
  summary: string | null;
  reason: string;
}

export interface IcsHolidays {
  holidays: ImportedHoliday[];
  skipped: SkippedEvent[];
}

export class IcsFormatError extends Error {
  override name = 'IcsFormatError';
}

/** A holiday longer than this is not a holiday (more likely a "season" event). */
const MAX_EVENT_DAYS = 31;
/** Bounded yearly rules (COUNT/UNTIL) expand to at most this many years. */
const MAX_YEARS = 100;
/** Rule parts a fixed-date yearly holiday may carry; anything else (BYDAY …) moves the date. */
const FIXED_DATE_RULE_PARTS = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'WKST', 'BYMONTH', 'BYMONTHDAY']);

interface ContentLine {
  name: string;
  params: Map<string, string>;
  value: string;
  line: number;
}

/**
 * `timeZone` is the calendar's zone: a UTC date-time (`…Z`) becomes the date
 * it falls on there. Date-times with TZID, and floating ones, keep the date as written.
 */
export function parseIcsHolidays(input: string | Uint8Array, options: { timeZone: string }): IcsHolidays {
  const lines = unfold(input);
  if (!lines.some((l) => l.name === 'BEGIN' && l.value.toUpperCase() === 'VCALENDAR')) {
    throw new IcsFormatError('not an iCalendar file (BEGIN:VCALENDAR is missing)');
  }
  const result: IcsHolidays = { holidays: [], skipped: [] };
  let event: ContentLine[] | undefined;
  let eventLine = 0;
  let nested = 0; // components inside the VEVENT (VALARM) whose properties are not the event's
  for (const line of lines) {
    const value = line.value.toUpperCase();
    if (!event) {
      if (line.name === 'BEGIN' && value === 'VEVENT') {
        event = [];
        eventLine = line.line;
        nested = 0;
      }
      continue;
    }
    if (line.name === 'BEGIN') nested++;
    else if (line.name === 'END' && value === 'VEVENT' && nested === 0) {
      readEvent(event, eventLine, options.timeZone, result);
      event = undefined;
    } else if (line.name === 'END') nested = Math.max(0, nested - 1);
    else if (nested === 0) event.push(line);
  }
  if (event) {
    result.skipped.push({ line: eventLine, summary: summaryOf(event), reason: 'the event is not closed (END:VEVENT is missing)' });
  }
  return result;
}

function readEvent(props: ContentLine[], line: number, timeZone: string, out: IcsHolidays): void {
  const summary = summaryOf(props);
  const skip = (reason: string) => out.skipped.push({ line, summary, reason });
  const prop = (name: string) => props.find((p) => p.name === name);

  if (prop('STATUS')?.value.toUpperCase() === 'CANCELLED') return void skip('the event is cancelled');
  if (prop('RECURRENCE-ID')) return void skip('RECURRENCE-ID: changes one occurrence of a repeating event, which is not supported');
  if (prop('RDATE') || prop('EXDATE')) return void skip('RDATE/EXDATE are not supported');
  const dtstart = prop('DTSTART');
  if (!dtstart) return void skip('no DTSTART');
  const start = toLocalWall(dtstart, timeZone);
  if (start === undefined) return void skip(`DTSTART "${dtstart.value}" is not a date or date-time`);

  let end: number | undefined;
  const dtend = prop('DTEND');
  const duration = prop('DURATION');
  if (dtend) {
    end = toLocalWall(dtend, timeZone);
    if (end === undefined) return void skip(`DTEND "${dtend.value}" is not a date or date-time`);
  } else if (duration) {
    const ms = parseDuration(duration.value);
    if (ms === undefined) return void skip(`DURATION "${duration.value}" is not a duration`);
    end = start + ms;
  }
  const firstDay = Math.floor(start / DAY_MS);
  // DTEND is exclusive: an all-day event ending 2026-12-27 covers up to 12-26; a timed one ending at midnight too.
  const lastDay = end !== undefined && end > start ? Math.floor((end - 1) / DAY_MS) : firstDay;
  if (lastDay - firstDay + 1 > MAX_EVENT_DAYS) return void skip(`spans ${lastDay - firstDay + 1} days; a holiday is at most ${MAX_EVENT_DAYS}`);
  const days: string[] = [];
  for (let day = firstDay; day <= lastDay; day++) days.push(isoDateOfDayNumber(day));

  const rrule = prop('RRULE');
  if (!rrule) {
    for (const date of days) out.holidays.push({ date, name: summary, recurringYearly: false, line });
    return;
  }
  const rule = parseRule(rrule.value);
  const freq = rule.get('FREQ') ?? '(none)';
  if (freq !== 'YEARLY') return void skip(`repeats with FREQ=${freq}; only yearly holidays can be imported`);
  const moving = [...rule.keys()].filter((k) => !FIXED_DATE_RULE_PARTS.has(k));
  if (moving.length > 0) return void skip(`the yearly rule uses ${moving.join(', ')}: not a fixed date`);
  if ((rule.get('INTERVAL') ?? '1') !== '1') return void skip('repeats every few years (INTERVAL), not every year');
  const startDate = days[0] as string;
  const byMonth = rule.get('BYMONTH');
  const byMonthDay = rule.get('BYMONTHDAY');
  if ((byMonth && Number(byMonth) !== Number(startDate.slice(5, 7))) || (byMonthDay && Number(byMonthDay) !== Number(startDate.slice(8, 10)))) {
    return void skip('the yearly rule names another date than DTSTART');
  }

  const count = rule.get('COUNT');
  const until = rule.get('UNTIL');
  if (count === undefined && until === undefined) {
    for (const date of days) out.holidays.push({ date: date.slice(5), name: summary, recurringYearly: true, line });
    return;
  }
  const limit = count !== undefined ? Number(count) : MAX_YEARS;
  const untilDate = until !== undefined ? parseDateValue(until.slice(0, 8)) : undefined;
  if (!Number.isInteger(limit) || limit < 1 || (until !== undefined && untilDate === undefined)) {
    return void skip(`the yearly rule's ${count !== undefined ? 'COUNT' : 'UNTIL'} is not valid`);
  }
  // One occurrence per year; a 29 February start has none in other years (RFC 5545: invalid dates are not counted).
  const year0 = Number(startDate.slice(0, 4));
  let occurrences = 0;
  for (let year = year0; occurrences < Math.min(limit, MAX_YEARS) && year < year0 + 4 * MAX_YEARS; year++) {
    const first = parseDateValue(`${year}${startDate.slice(5, 7)}${startDate.slice(8, 10)}`);
    if (first === undefined) continue;
    if (untilDate !== undefined && first > untilDate) break;
    occurrences++;
    const offset = dayNumberOfIsoDate(first) - firstDay;
    for (let day = firstDay; day <= lastDay; day++) {
      out.holidays.push({ date: isoDateOfDayNumber(day + offset), name: summary, recurringYearly: false, line });
    }
  }
}

function summaryOf(props: ContentLine[]): string | null {
  const summary = props.find((p) => p.name === 'SUMMARY');
  return summary ? unescapeText(summary.value).trim() || null : null;
}

/**
 * A DATE or DATE-TIME as local wall-clock milliseconds (a local date and time
 * written as if it were UTC). UTC values (`Z`) are moved into `timeZone`.
 */
function toLocalWall(line: ContentLine, timeZone: string): number | undefined {
  const value = line.value.trim();
  const date = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (date) {
    const iso = parseDateValue(value);
    return iso === undefined ? undefined : dayNumberOfIsoDate(iso) * DAY_MS;
  }
  if (line.params.get('VALUE')?.toUpperCase() === 'DATE') return undefined;
  const dateTime = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/.exec(value);
  if (!dateTime) return undefined;
  const iso = parseDateValue(value.slice(0, 8));
  const [hour, minute, second] = [Number(dateTime[4]), Number(dateTime[5]), Number(dateTime[6])];
  if (iso === undefined || hour > 23 || minute > 59 || second > 60) return undefined;
  // Written as if UTC: the wall time itself for floating and TZID values, the instant for `Z` ones.
  const written = dayNumberOfIsoDate(iso) * DAY_MS + ((hour * 60 + minute) * 60 + Math.min(second, 59)) * 1000;
  return dateTime[7] === 'Z' ? written + offsetAt(timeZone, written) : written;
}

/** `YYYYMMDD` → `YYYY-MM-DD` when it is a real date. */
function parseDateValue(value: string): string | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!match) return undefined;
  const iso = `${match[1]}-${match[2]}-${match[3]}`;
  return isoDateOfDayNumber(dayNumberOfIsoDate(iso)) === iso ? iso : undefined;
}

/** `P1D`, `P2W`, `PT12H`, `P1DT12H` … in milliseconds (nominal days of 24 h). */
function parseDuration(value: string): number | undefined {
  const match = /^\+?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(value.trim());
  if (!match || value.trim().endsWith('T')) return undefined;
  const [weeks, days, hours, minutes, seconds] = match.slice(1).map((n) => Number(n ?? 0)) as [number, number, number, number, number];
  return ((((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
}

function parseRule(value: string): Map<string, string> {
  const rule = new Map<string, string>();
  for (const part of value.split(';')) {
    const [key, val] = part.split('=');
    if (key) rule.set(key.trim().toUpperCase(), (val ?? '').trim().toUpperCase());
  }
  return rule;
}

/** TEXT values escape `\\`, `\;`, `\,` and newlines as `\n`. */
function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/**
 * Splits into content lines and unfolds them (RFC 5545 §3.1: a line break
 * followed by one space or tab continues the line). Unfolding happens on the
 * bytes, before decoding UTF-8, because producers fold at 75 octets and may
 * split a multi-byte character (Thai text is three bytes a letter).
 */
function unfold(input: string | Uint8Array): ContentLine[] {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const decoder = new TextDecoder('utf-8');
  const logical: { bytes: number[]; line: number }[] = [];
  let current: number[] | undefined;
  let physical = 1;
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0; // byte order mark
  while (i <= bytes.length) {
    let j = i;
    while (j < bytes.length && bytes[j] !== 0x0a && bytes[j] !== 0x0d) j++;
    const isContinuation = (bytes[i] === 0x20 || bytes[i] === 0x09) && current !== undefined;
    if (isContinuation) current?.push(...bytes.subarray(i + 1, j));
    else if (j > i) {
      current = [...bytes.subarray(i, j)];
      logical.push({ bytes: current, line: physical });
    } else current = undefined; // an empty line ends the previous one for good
    if (j >= bytes.length) break;
    i = bytes[j] === 0x0d && bytes[j + 1] === 0x0a ? j + 2 : j + 1;
    physical++;
  }
  const lines: ContentLine[] = [];
  for (const l of logical) {
    const parsed = parseContentLine(decoder.decode(new Uint8Array(l.bytes)), l.line);
    if (parsed) lines.push(parsed);
  }
  return lines;
}

/** `NAME;PARAM=value;PARAM="quoted;value":VALUE` (parameter values may be quoted). */
function parseContentLine(text: string, line: number): ContentLine | undefined {
  const params = new Map<string, string>();
  let i = 0;
  while (i < text.length && text[i] !== ';' && text[i] !== ':') i++;
  const name = text.slice(0, i).trim().toUpperCase();
  while (text[i] === ';') {
    const eq = text.indexOf('=', i);
    if (eq < 0) return undefined;
    const key = text.slice(i + 1, eq).trim().toUpperCase();
    let j = eq + 1;
    let value = '';
    while (j < text.length && text[j] !== ';' && text[j] !== ':') {
      if (text[j] === '"') {
        const close = text.indexOf('"', j + 1);
        if (close < 0) return undefined;
        value += text.slice(j + 1, close);
        j = close + 1;
      } else value += text[j++];
    }
    params.set(key, value);
    i = j;
  }
  if (text[i] !== ':' || name === '') return undefined;
  return { name, params, value: text.slice(i + 1), line };
}
