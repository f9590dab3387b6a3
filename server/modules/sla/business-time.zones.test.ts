import { describe } from 'vitest';
import type { CalendarDefinition } from './calendar.ts';
import {
  allDay,
  bangkokOffice,
  hoChiMinhOffice,
  kualaLumpurOffice,
  lordHoweGapEdges,
  lordHoweNightDesk,
  lordHoweOffice,
} from './test-calendars.ts';
import { runAddTable, runBetweenTable } from './test-tables.ts';

/*
 * Expected values worked out by hand from the schedules in test-calendars.ts and the zones' rules
 * (tzdata): Bangkok, Ho Chi Minh City +07:00 and Kuala Lumpur +08:00 have no DST today, so their
 * DST-like cases use historical offset changes:
 * - Bangkok 1920-04-01: mean time +06:42:04 → +07:00 at 00:12:04 local (a 17 min 56 s gap);
 * - Ho Chi Minh 1959-12-31 23:00 +07 → 00:00 +08 (gap at the end of the day) and
 *   1975-06-13 00:00 +08 → 1975-06-12 23:00 +07 (23:00–24:00 happens twice);
 * - Kuala Lumpur 1981-12-31 23:30 +07:30 → 00:00 +08 (gap at the end of the day).
 * Lord Howe is +10:30, +11:00 in summer: 2024-04-07 02:00 → 01:30 (overlap), 2024-10-06 02:00 → 02:30 (gap).
 */

const shiftOn = (base: CalendarDefinition, date: string, start: string, end: string): CalendarDefinition => ({
  ...base,
  shifts: [{ date, hours: [{ start, end }] }],
});

/** Open only on Thursdays, all day: measures the length of one local Thursday. */
const thursdays = (timeZone: string): CalendarDefinition => ({ timeZone, weeklyHours: { thu: [{ start: '00:00', end: '24:00' }] } });

describe('Asia/Bangkok', () => {
  runAddTable([
    { name: 'Songkran 2024 (yearly 04-13..15): 30 Fri, Sat+Mon holidays, 30 Tue', calendar: bangkokOffice, start: '2024-04-12T17:00:00+07:00', minutes: 60, expected: '2024-04-16T09:00:00+07:00' },
    { name: 'Songkran 2025 falls Sun–Tue: 30 Sat, 30 Wed', calendar: bangkokOffice, start: '2025-04-12T17:00:00+07:00', minutes: 60, expected: '2025-04-16T09:00:00+07:00' },
    { name: 'Saturday over lunch: 30 before 12:00 + 30 after 13:00', calendar: bangkokOffice, start: '2024-04-20T11:30:00+07:00', minutes: 60, expected: '2024-04-20T13:30:00+07:00' },
    { name: 'used up at 12:00 → 13:00', calendar: bangkokOffice, start: '2024-04-22T11:00:00+07:00', minutes: 60, expected: '2024-04-22T13:00:00+07:00' },
  ]);
  runBetweenTable([
    { name: '1920-04-01 lasts 23 h 42 min 04 s (the gap removes 17 min 56 s)', calendar: thursdays('Asia/Bangkok'), from: '1920-03-30T00:00:00Z', to: '1920-04-03T00:00:00Z', minutes: (23 * 3600 + 42 * 60 + 4) / 60 },
  ]);
});

describe('Asia/Ho_Chi_Minh', () => {
  runAddTable([
    { name: 'Reunification + Labour Day (yearly): 30 Tue, 15 Fri', calendar: hoChiMinhOffice, start: '2025-04-29T17:00:00+07:00', minutes: 45, expected: '2025-05-02T08:15:00+07:00' },
    { name: 'Saturday half day: 30 Sat + 30 Mon', calendar: hoChiMinhOffice, start: '2025-05-03T11:30:00+07:00', minutes: 60, expected: '2025-05-05T08:30:00+07:00' },
    { name: 'used up at 12:00 → 13:30', calendar: hoChiMinhOffice, start: '2025-05-05T11:00:00+07:00', minutes: 60, expected: '2025-05-05T13:30:00+07:00' },
    { name: 'National Day 09-02: 30 Mon + 30 Wed', calendar: hoChiMinhOffice, start: '2025-09-01T17:00:00+07:00', minutes: 60, expected: '2025-09-03T08:30:00+07:00' },
  ]);
  runBetweenTable([
    // 1975-06-12 00:00 +08 (06-11 16:00Z) → 06-13 00:00 +07 (06-12 17:00Z); office hours on 06-11 end 09:30Z, on 06-13 start 01:00Z.
    { name: '1975 overlap: a 00:00–24:00 shift lasts 25 h', calendar: shiftOn(hoChiMinhOffice, '1975-06-12', '00:00', '24:00'), from: '1975-06-11T12:00:00Z', to: '1975-06-12T23:00:00Z', minutes: 25 * 60 },
    { name: '1975 overlap: 22:00 +08 (14:00Z) → 24:00 = 17:00Z is 3 h', calendar: shiftOn(hoChiMinhOffice, '1975-06-12', '22:00', '24:00'), from: '1975-06-12T12:00:00Z', to: '1975-06-12T18:00:00Z', minutes: 180 },
    // 23:30 does not exist; moved forward it is 00:30 +08 on the next day, so the shift is cut at midnight (16:00Z).
    { name: '1959 gap at day end: 22:00–23:30 shift is 22:00–23:00 +07 = 60', calendar: shiftOn(hoChiMinhOffice, '1959-12-31', '22:00', '23:30'), from: '1959-12-31T12:00:00Z', to: '1959-12-31T23:00:00Z', minutes: 60 },
  ]);
});

describe('Asia/Kuala_Lumpur', () => {
  runAddTable([
    { name: 'Friday prayers: 15 before 12:15 + 45 after 14:45', calendar: kualaLumpurOffice, start: '2025-03-28T12:00:00+08:00', minutes: 60, expected: '2025-03-28T15:30:00+08:00' },
    { name: 'used up at 12:15 → 14:45', calendar: kualaLumpurOffice, start: '2025-03-28T11:15:00+08:00', minutes: 60, expected: '2025-03-28T14:45:00+08:00' },
    { name: 'Hari Raya (one-off Mon 2025-03-31): 60 Sat, 60 Tue', calendar: kualaLumpurOffice, start: '2025-03-29T12:00:00+08:00', minutes: 120, expected: '2025-04-01T10:00:00+08:00' },
    { name: 'Merdeka (yearly 08-31) on a Saturday: 30 Fri, 30 Mon', calendar: kualaLumpurOffice, start: '2024-08-30T17:30:00+08:00', minutes: 60, expected: '2024-09-02T09:30:00+08:00' },
    // 1981-12-31 17:00 +07:30 = 09:30Z; the day ends at 1982-01-01 00:00 +08 = 16:00Z: 390 minutes.
    { name: '1981 gap: 17:00–24:00 shift is 6 h 30 min, then Friday 09:00 +08', calendar: shiftOn(kualaLumpurOffice, '1981-12-31', '17:00', '24:00'), start: '1981-12-31T17:00:00+07:30', minutes: 390, expected: '1982-01-01T09:00:00+08:00' },
  ]);
  runBetweenTable([
    { name: '1981-12-31 lasts 23 h 30 min', calendar: thursdays('Asia/Kuala_Lumpur'), from: '1981-12-30T00:00:00Z', to: '1982-01-02T00:00:00Z', minutes: 23.5 * 60 },
  ]);
});

describe('Australia/Lord_Howe (30-minute DST)', () => {
  runAddTable([
    { name: 'office: 60 Fri +10:30, 60 Mon +11', calendar: lordHoweOffice, start: '2024-10-04T16:00:00+10:30', minutes: 120, expected: '2024-10-07T10:00:00+11:00' },
    // Night desk Sunday 01:00–03:00: 2024-04-07 runs 14:00Z–16:30Z (150 min), 2024-10-06 14:30Z–16:00Z (90 min).
    { name: 'overlap: 01:00 +11 + 45 → the first 01:45 (+11)', calendar: lordHoweNightDesk, start: '2024-04-07T01:00:00+11:00', minutes: 45, expected: '2024-04-07T01:45:00+11:00' },
    { name: 'overlap: 01:00 +11 + 75 → the second 01:45 (+10:30)', calendar: lordHoweNightDesk, start: '2024-04-07T01:00:00+11:00', minutes: 75, expected: '2024-04-07T01:45:00+10:30' },
    { name: 'overlap: 01:00 +11 + 90 → 02:00 +10:30', calendar: lordHoweNightDesk, start: '2024-04-07T01:00:00+11:00', minutes: 90, expected: '2024-04-07T02:00:00+10:30' },
    { name: 'gap: 30 Sat (05:30–06:00) + 30 Sun from 01:00 +10:30', calendar: lordHoweNightDesk, start: '2024-10-05T05:30:00+10:30', minutes: 60, expected: '2024-10-06T01:30:00+10:30' },
    { name: 'gap: 30 Sat + the whole 90-min Sunday → Mon 22:00 +11', calendar: lordHoweNightDesk, start: '2024-10-05T05:30:00+10:30', minutes: 120, expected: '2024-10-07T22:00:00+11:00' },
    { name: '24/7: Sat 12:00 +10:30 + 1440 → Sun 12:30 +11', calendar: { timeZone: 'Australia/Lord_Howe', alwaysOpen: true }, start: '2024-10-05T12:00:00+10:30', minutes: 1440, expected: '2024-10-06T12:30:00+11:00' },
  ]);
  runBetweenTable([
    { name: 'overlap day under 00:00–24:00 = 24 h 30 min', calendar: allDay('Australia/Lord_Howe'), from: '2024-04-07T00:00:00+11:00', to: '2024-04-08T00:00:00+10:30', minutes: 24.5 * 60 },
    { name: 'gap day under 00:00–24:00 = 23 h 30 min', calendar: allDay('Australia/Lord_Howe'), from: '2024-10-06T00:00:00+10:30', to: '2024-10-07T00:00:00+11:00', minutes: 23.5 * 60 },
    { name: 'night desk Sunday over the overlap = 150', calendar: lordHoweNightDesk, from: '2024-04-06T12:00:00+11:00', to: '2024-04-07T12:00:00+10:30', minutes: 150 },
    // Sun 01:45–02:15 and 02:20–03:00. Gap day: 01:45 +10:30 → 02:15 read as +10:30 = 02:45 +11 (30), 02:50 +11 → 03:00 (10).
    { name: 'gap edges on the gap day: 30 + 10', calendar: lordHoweGapEdges, from: '2024-10-05T00:00:00+10:30', to: '2024-10-07T00:00:00+11:00', minutes: 40 },
    // Overlap day: the earlier 01:45 (+11) → 02:15 +10:30 (60), 02:20 → 03:00 +10:30 (40).
    { name: 'gap edges on the overlap day: 60 + 40', calendar: lordHoweGapEdges, from: '2024-04-06T00:00:00+11:00', to: '2024-04-08T00:00:00+10:30', minutes: 100 },
    { name: 'gap edges on an ordinary Sunday: 30 + 40', calendar: lordHoweGapEdges, from: '2024-06-01T00:00:00+10:30', to: '2024-06-03T00:00:00+10:30', minutes: 70 },
  ]);
});
