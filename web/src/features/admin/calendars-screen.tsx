import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../lib/api.ts';
import { useAdminSave } from './admin-api.ts';
import { type Calendar, type HolidayImport, WEEKDAYS } from './admin-types.ts';
import { ErrorLine } from './admin-ui.tsx';
import { AdminForm, CheckboxField, TextAreaField, TextField } from './form-kit.tsx';
import { ResourceScreen } from './resource-screen.tsx';

type Range = { start: string; end: string };

/** "09:00-12:00, 13:00-17:00" ⇄ ranges. A piece without a dash is sent as it is, so the server names it. */
export function formatRanges(ranges: Range[]): string {
  return ranges.map((r) => `${r.start}-${r.end}`).join(', ');
}
export function parseRanges(text: string): Range[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((piece) => {
      const [start = '', end = ''] = piece.split(/\s*[-–]\s*/);
      return { start, end };
    });
}

/** One holiday a line: "2026-12-25 Christmas" (that year) or "12-25 Christmas" (every year). */
export function formatHolidays(holidays: Calendar['holidays']): string {
  return holidays.map((h) => `${h.recurring_yearly ? h.date.slice(-5) : h.date}${h.name ? ` ${h.name}` : ''}`).join('\n');
}
export function parseHolidays(text: string) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [date = '', ...name] = line.split(/\s+/);
      return { date, name: name.join(' ') || null, recurring_yearly: /^\d{2}-\d{2}$/.test(date) };
    });
}

function CalendarForm({ calendar, done }: { calendar: Calendar | null; done: () => void }) {
  const { t } = useTranslation();
  const save = useAdminSave<Calendar>('calendars');
  const [name, setName] = useState(calendar?.name ?? '');
  const [timeZone, setTimeZone] = useState(calendar?.time_zone ?? '');
  const [alwaysOpen, setAlwaysOpen] = useState(calendar?.always_open ?? false);
  const [isDefault, setIsDefault] = useState(calendar?.is_default ?? false);
  const [hours, setHours] = useState<Record<string, string>>(() =>
    Object.fromEntries(WEEKDAYS.map((d) => [d, calendar ? formatRanges(calendar.weekly_hours[d]) : ['sat', 'sun'].includes(d) ? '' : '09:00-17:00'])),
  );
  const [holidays, setHolidays] = useState(calendar ? formatHolidays(calendar.holidays) : '');
  const submit = () => {
    const body = {
      name,
      time_zone: timeZone.trim(),
      always_open: alwaysOpen,
      is_default: isDefault,
      ...(alwaysOpen ? {} : { weekly_hours: Object.fromEntries(WEEKDAYS.map((d) => [d, parseRanges(hours[d] ?? '')])), holidays: parseHolidays(holidays) }),
    };
    save.mutate({ id: calendar?.id, body }, { onSuccess: done });
  };
  return (
    <AdminForm
      title={calendar ? t('admin.calendars.edit', { name: calendar.name }) : t('admin.calendars.new')}
      error={save.error}
      busy={save.isPending}
      submitLabel={calendar ? t('admin.form.save') : t('admin.calendars.create')}
      onSubmit={submit}
      onCancel={done}
    >
      <TextField name="name" label={t('admin.field.name')} value={name} onChange={setName} required />
      <TextField name="time_zone" label={t('admin.field.timeZone')} value={timeZone} onChange={setTimeZone} placeholder="Asia/Bangkok" hint={t('admin.field.timeZoneHint')} required />
      <CheckboxField name="is_default" label={t('admin.calendars.isDefault')} checked={isDefault} onChange={setIsDefault} />
      <CheckboxField name="always_open" label={t('admin.calendars.alwaysOpen')} checked={alwaysOpen} onChange={setAlwaysOpen} />
      {!alwaysOpen && (
        <>
          <fieldset className="field-group">
            <legend>{t('admin.calendars.weeklyHours')}</legend>
            <p className="hint">{t('admin.calendars.hoursHint')}</p>
            {WEEKDAYS.map((d) => (
              <TextField key={d} name={`weekly_hours.${d}`} label={t(`admin.weekday.${d}`)} value={hours[d] ?? ''} onChange={(v) => setHours((h) => ({ ...h, [d]: v }))} placeholder="09:00-17:00" />
            ))}
          </fieldset>
          <TextAreaField name="holidays" label={t('admin.calendars.holidays')} value={holidays} onChange={setHolidays} rows={5} mono hint={t('admin.calendars.holidaysHint')} />
          {calendar && (calendar.shifts.length > 0 || calendar.breaks.length > 0) && <p className="hint">{t('admin.calendars.keepsShifts')}</p>}
        </>
      )}
    </AdminForm>
  );
}

/** Uploads an .ics file; what was added and what was skipped (and why) is shown after. */
function IcsImport({ calendar }: { calendar: Calendar }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: async (file: File) => {
      const response = await fetch(`/api/v1/calendars/${calendar.id}/holidays/import`, {
        method: 'POST',
        headers: { 'content-type': 'text/calendar', accept: 'application/json' },
        body: await file.text(),
        credentials: 'same-origin',
      });
      const json = (await response.json()) as HolidayImport & { code?: string; detail?: string };
      if (!response.ok) throw new ApiError(response.status, json.code ?? `http_${response.status}`, json.detail);
      return json;
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['admin', 'calendars'] }),
  });
  const id = `ics-${calendar.id}`;
  return (
    <span className="ics-import">
      <input
        id={id}
        type="file"
        accept=".ics,text/calendar"
        className="visually-hidden"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) upload.mutate(file);
          e.target.value = '';
        }}
      />
      <label htmlFor={id} className="button-like">
        {t('admin.calendars.importIcs')}
        <span className="visually-hidden">: {calendar.name}</span>
      </label>
      <span role="status" className="hint">
        {upload.data ? t('admin.calendars.imported', { added: upload.data.summary.added, skipped: upload.data.summary.skipped.length }) : ''}
      </span>
      <ErrorLine error={upload.error} />
    </span>
  );
}

/** Business calendars: weekly hours, holidays (typed or imported from .ics), default. */
export function CalendarsScreen() {
  const { t } = useTranslation();
  return (
    <ResourceScreen<Calendar>
      resource="calendars"
      title={t('admin.calendars.title')}
      intro={t('admin.calendars.intro')}
      newLabel={t('admin.calendars.new')}
      columns={[
        { header: t('admin.field.name'), cell: (x) => (x.is_default ? `${x.name} (${t('admin.calendars.default')})` : x.name) },
        { header: t('admin.field.timeZone'), cell: (x) => x.time_zone },
        {
          header: t('admin.calendars.weeklyHours'),
          cell: (x) =>
            x.always_open
              ? t('admin.calendars.alwaysOpen')
              : WEEKDAYS.filter((d) => x.weekly_hours[d].length > 0)
                  .map((d) => `${t(`admin.weekday.${d}`)} ${formatRanges(x.weekly_hours[d])}`)
                  .join('; '),
        },
        { header: t('admin.calendars.holidays'), cell: (x) => x.holidays.length },
      ]}
      rowActions={(x) => <IcsImport calendar={x} />}
      form={(calendar, done) => <CalendarForm calendar={calendar} done={done} />}
      remove={{ label: t('admin.delete'), question: t('admin.deleteQuestion'), confirm: t('admin.delete') }}
    />
  );
}
