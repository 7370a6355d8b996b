import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../../shared/contract';
import { MEASURES, unitsOf, type InputUnit, type Measure } from '../../../shared/monitoring';
import { TimeField } from '../doctor/RangeFields';
import { useSession } from '../session/session';
import { DateField } from '../ui/DateField';
import { SelectField, TextField } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { useDates } from '../ui/format';
import { Button, Form, Notice } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';

const toNumber = (v: string) => (v.trim() === '' ? undefined : Number(v.replace(',', '.')));
const nowHhmm = (zone: string) => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone }).format(new Date());

/**
 * Quick entry of one reading: what was measured, the value (and unit where there is a choice), when (now unless
 * changed), an optional note. Plausible ranges are checked as the server checks them, before anything is sent.
 */
export function ReadingEntry({ measures = MEASURES, patientId, onSaved }: { measures?: readonly Measure[]; patientId?: number; onSaved: () => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { today, instantOf, zone } = useDates();
  const save = useSubmit(invoke, 'readings.add');
  const [measure, setMeasure] = useState<Measure>(measures[0] ?? 'glucose_fasting');
  const [unit, setUnit] = useState<InputUnit | ''>('');
  const [value, setValue] = useState('');
  const [diastolic, setDiastolic] = useState('');
  const [pulse, setPulse] = useState('');
  const [day, setDay] = useState(today());
  const [time, setTime] = useState(() => nowHhmm(zone));
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState<{ alerts: number } | null>(null);
  const units = unitsOf(measure);
  const bp = measure === 'blood_pressure';

  async function submit() {
    setSaved(null);
    const input: Input<'readings.add'> = {
      ...(patientId ? { patientId } : {}),
      measure,
      value: toNumber(value) as number,
      ...(unit && units.includes(unit) ? { unit } : {}),
      ...(bp ? { diastolic: toNumber(diastolic), pulse: toNumber(pulse) } : {}),
      takenAt: instantOf(day, time) ?? '',
      note,
    };
    const r = await save.submit(input);
    if (!r) return focusFirstInvalid();
    setSaved({ alerts: r.alertsRaised });
    setValue('');
    setDiastolic('');
    setPulse('');
    setNote('');
    onSaved();
  }

  return (
    <section className="card" aria-labelledby="reading-entry-title">
      <h2 id="reading-entry-title">{t('monitoring.entry.title')}</h2>
      {save.error && <Notice kind="error">{save.error}</Notice>}
      {saved && <Notice kind={saved.alerts ? 'info' : 'success'}>{saved.alerts ? t('monitoring.entry.savedAlert') : t('monitoring.entry.saved')}</Notice>}
      <Form onSubmit={() => void submit()} label={t('monitoring.entry.title')}>
        <div className="reading-entry">
          <SelectField
            label={t('monitoring.entry.measure')}
            value={measure}
            onChange={(m) => {
              setMeasure(m as Measure);
              setUnit('');
            }}
            options={measures.map((m) => ({ value: m, label: t(`monitoring.measures.${m}`) }))}
            error={save.fieldError('measure')}
          />
          <TextField label={bp ? t('monitoring.entry.systolic') : t('monitoring.entry.value')} inputMode="decimal" value={value} onChange={setValue} maxLength={8} required error={save.fieldError('value')} />
          {units.length > 0 && (
            <SelectField
              label={t('monitoring.entry.unit')}
              value={unit || units[0]!}
              onChange={(u) => setUnit(u as InputUnit)}
              options={units.map((u) => ({ value: u, label: t(`monitoring.units.${u}`) }))}
              error={save.fieldError('unit')}
            />
          )}
          {!units.length && !bp && <p className="reading-entry__unit">{t(`monitoring.storedUnit.${measure}`)}</p>}
          {bp && (
            <>
              <TextField label={t('monitoring.entry.diastolic')} inputMode="numeric" value={diastolic} onChange={setDiastolic} maxLength={5} required error={save.fieldError('diastolic')} />
              <TextField label={t('monitoring.entry.pulse')} inputMode="numeric" value={pulse} onChange={setPulse} maxLength={5} error={save.fieldError('pulse')} />
            </>
          )}
        </div>
        <div className="reading-entry">
          <DateField label={t('monitoring.entry.day')} value={day} onChange={setDay} required error={save.fieldError('takenAt')} />
          <TimeField id="reading-time" label={t('monitoring.entry.time')} value={time} onChange={setTime} required />
          <TextField label={t('monitoring.entry.note')} value={note} onChange={setNote} maxLength={300} error={save.fieldError('note')} />
        </div>
        <div className="form__actions">
          <Button type="submit" busy={save.busy}>{t('monitoring.entry.save')}</Button>
        </div>
      </Form>
    </section>
  );
}
