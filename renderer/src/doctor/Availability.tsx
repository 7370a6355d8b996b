import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AvailabilityView } from '../../../shared/contract';
import { useSession } from '../session/session';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { useDates } from '../ui/format';
import { Button, Fieldset, Form, Loading, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { useSubmit } from '../ui/useSubmit';
import { ExceptionsEditor } from './ExceptionsEditor';
import { NotPractising } from './NotPractising';
import { ScheduleSettings, settingsDraft, settingsInput, type SettingsDraft } from './ScheduleSettings';
import { apiWeekday, shownIndex, WeeklyHoursEditor, type WeekDraft } from './WeeklyHoursEditor';

function weekDraft(view: AvailabilityView): WeekDraft {
  const week: WeekDraft = [[], [], [], [], [], [], []];
  for (const d of view.weekly) week[shownIndex(d.weekday)] = d.ranges.map((r) => ({ ...r, modes: [...r.modes] }));
  return week;
}

/** A doctor's bookable hours: the weekly pattern, booking settings, and dates that differ. */
export function Availability() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { data, setData, error, errorCode } = useLoad(invoke, 'availability.get', {});

  if (errorCode === 'FORBIDDEN') return <NotPractising title={t('availability.title')} />;
  if (error) return <Notice kind="error">{error}</Notice>;
  if (!data) return <Loading />;
  return (
    <Page title={t('availability.title')}>
      <WeeklyForm view={data} onSaved={setData} />
      <ExceptionsEditor exceptions={data.exceptions} onChanged={setData} />
      <ClinicHolidays />
    </Page>
  );
}

function WeeklyForm({ view, onSaved }: { view: AvailabilityView; onSaved: (view: AvailabilityView) => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { zone } = useDates();
  const [week, setWeek] = useState(() => weekDraft(view));
  const [settings, setSettings] = useState<SettingsDraft>(() => settingsDraft(view.settings));
  const [saved, setSaved] = useState(false);
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'availability.save');

  async function save() {
    setSaved(false);
    const result = await submit({
      settings: settingsInput(settings),
      // All seven days, Monday first, so an error's path (weekly.2.ranges.0.end) names the day shown third.
      weekly: week.map((ranges, i) => ({ weekday: apiWeekday(i), ranges })),
    });
    if (!result) {
      // A day's own error (ranges that overlap) marks no single input: then go to that day's first one.
      requestAnimationFrame(() => {
        const day = document.querySelector<HTMLElement>('.sched-day[aria-describedby] input');
        if (!document.querySelector('form [aria-invalid="true"]') && day) day.focus();
        else focusFirstInvalid();
      });
      return;
    }
    onSaved(result);
    setWeek(weekDraft(result));
    setSettings(settingsDraft(result.settings));
    setSaved(true);
    requestAnimationFrame(() => document.getElementById('availability-saved')?.focus());
  }

  return (
    <>
      <p className="lead">{t('availability.intro')}</p>
      <p className="sched-zone">{t('availability.zone', { zone })}</p>
      {error && <Notice kind="error">{error}</Notice>}
      <Form onSubmit={() => void save()} label={t('availability.weekly.title')}>
        <Fieldset legend={t('availability.weekly.title')}>
          <WeeklyHoursEditor value={week} onChange={(w) => { setWeek(w); setSaved(false); }} fieldError={fieldError} />
        </Fieldset>
        <Fieldset legend={t('availability.settings.title')}>
          <ScheduleSettings value={settings} onChange={(s) => { setSettings(s); setSaved(false); }} fieldError={fieldError} />
        </Fieldset>
        {saved && (
          <div id="availability-saved" tabIndex={-1}>
            <Notice kind="success">{t('availability.saved')}</Notice>
          </div>
        )}
        <div className="form__actions">
          <Button type="submit" busy={busy}>{t('availability.save')}</Button>
        </div>
      </Form>
    </>
  );
}

/** The clinic's holidays ahead, set by the administrator: no one is booked on them. */
function ClinicHolidays() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { longDay, today } = useDates();
  const { data } = useLoad(invoke, 'holidays.list', {});
  const from = today();
  const ahead = (data ?? []).filter((h) => h.date >= from);
  if (ahead.length === 0) return null;
  return (
    <section aria-labelledby="clinic-holidays">
      <h2 id="clinic-holidays">{t('availability.holidays.title')}</h2>
      <p className="lead">{t('availability.holidays.intro')}</p>
      <ul className="sched-holidays">
        {ahead.map((h) => (
          <li key={h.date}>
            <strong>{longDay(h.date)}</strong> · {h.name}
          </li>
        ))}
      </ul>
    </section>
  );
}
