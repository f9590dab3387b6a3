import { describe, expect, it } from 'vitest';
import { isoWeekdayOfDayNumber, isValidTimeZone, offsetAt, wallTimeToInstant } from './zoned-time.ts';

// Expected values come from the zones' published rules (tzdata), written by hand as UTC:
// e.g. New York springs forward at 02:00 EST (07:00Z) on 2024-03-10, so 02:30 does not exist.
const wall = (isoLocal: string) => Date.parse(`${isoLocal}Z`);
const utc = (iso: string) => new Date(iso).toISOString();
const hours = (n: number) => n * 3_600_000;

describe('wallTimeToInstant', () => {
  it.each([
    // zone, local wall time, expected instant, why
    ['America/New_York', '2024-01-15T09:00:00', '2024-01-15T14:00:00Z', 'EST, UTC−5'],
    ['America/New_York', '2024-03-10T02:30:00', '2024-03-10T07:30:00Z', 'gap: forward by the gap → 03:30 EDT'],
    ['America/New_York', '2024-03-10T03:00:00', '2024-03-10T07:00:00Z', 'first time after the gap, EDT'],
    ['America/New_York', '2024-11-03T01:30:00', '2024-11-03T05:30:00Z', 'overlap: the earlier 01:30 EDT'],
    ['America/New_York', '2024-11-03T02:00:00', '2024-11-03T07:00:00Z', 'after the overlap, EST'],
    ['Europe/Prague', '2024-03-31T02:15:00', '2024-03-31T01:15:00Z', 'gap 02:00–03:00 → 03:15 CEST'],
    ['Europe/Prague', '2024-10-27T02:30:00', '2024-10-27T00:30:00Z', 'overlap 02:00–03:00 → earlier, CEST'],
    ['Asia/Bangkok', '2024-04-13T08:30:00', '2024-04-13T01:30:00Z', 'UTC+7, no DST'],
    ['Asia/Ho_Chi_Minh', '1975-06-12T23:30:00', '1975-06-12T15:30:00Z', '1975 overlap (+8 → +7): earlier, +8'],
    ['Asia/Ho_Chi_Minh', '1959-12-31T23:30:00', '1959-12-31T16:30:00Z', '1959 gap (+7 → +8): read with +7'],
    ['Asia/Kuala_Lumpur', '1981-12-31T23:45:00', '1981-12-31T16:15:00Z', '1981 gap (+7:30 → +8): read with +7:30'],
    ['Asia/Kuala_Lumpur', '2025-03-28T12:00:00', '2025-03-28T04:00:00Z', 'UTC+8'],
    ['Australia/Lord_Howe', '2024-10-06T02:15:00', '2024-10-05T15:45:00Z', '30-min gap: 02:15 → 02:45 +11'],
    ['Australia/Lord_Howe', '2024-04-07T01:45:00', '2024-04-06T14:45:00Z', '30-min overlap: earlier, +11'],
    ['Australia/Lord_Howe', '2024-04-07T02:00:00', '2024-04-06T15:30:00Z', 'after the overlap, +10:30'],
  ])('%s %s → %s (%s)', (zone, local, expected) => {
    expect(new Date(wallTimeToInstant(zone, wall(local))).toISOString()).toBe(utc(expected));
  });
});

describe('offsetAt', () => {
  it('reads offsets, including 30-minute and historical seconds offsets', () => {
    expect(offsetAt('Australia/Lord_Howe', Date.parse('2024-01-15T00:00:00Z'))).toBe(hours(11));
    expect(offsetAt('Australia/Lord_Howe', Date.parse('2024-07-15T00:00:00Z'))).toBe(hours(10.5));
    expect(offsetAt('America/New_York', Date.parse('2024-11-03T05:59:59.999Z'))).toBe(hours(-4));
    expect(offsetAt('America/New_York', Date.parse('2024-11-03T06:00:00Z'))).toBe(hours(-5));
    // Bangkok mean time until 1920: +6:42:04.
    expect(offsetAt('Asia/Bangkok', Date.parse('1919-01-01T00:00:00Z'))).toBe(hours(6) + (42 * 60 + 4) * 1000);
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA names and refuses the rest', () => {
    expect(isValidTimeZone('Asia/Ho_Chi_Minh')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Etc/GMT-7')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('+07:00')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

it('numbers weekdays from Monday = 1 (1970-01-01 was a Thursday)', () => {
  expect(isoWeekdayOfDayNumber(0)).toBe(4);
  expect(isoWeekdayOfDayNumber(-1)).toBe(3);
  expect(isoWeekdayOfDayNumber(Date.parse('2024-03-11T00:00:00Z') / 86_400_000)).toBe(1);
});
