import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DAY_PARTS, type DayPart, type WaitlistEntry } from '../../../shared/contract';
import { useErrorCode } from '../booking/errorCode';
import type { FamilyPerson } from '../patient/useFamily';
import { useSession } from '../session/session';
import { DateField } from '../ui/DateField';
import { Checkbox, SelectField, TextArea } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { addDays, useDates } from '../ui/format';
import { Button, Form, Notice } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';

/**
 * Waiting for a doctor's time: which days and parts of the day suit. When one frees up it is held for the first in
 * line and offered by email and in the patient's window. `people`: whom it may be for (one, for the front desk).
 */
export function JoinWaitlist({ doctor, people, onJoined, onCancel }: {
  doctor: { id: number; fullName: string };
  people: FamilyPerson[];
  onJoined: (entry: WaitlistEntry) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const { invoke, lastCode } = useErrorCode(session.invoke);
  const { today } = useDates();
  const [patientId, setPatientId] = useState(String(people[0]?.id ?? ''));
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState(addDays(today(), 14));
  const [parts, setParts] = useState<DayPart[]>([...DAY_PARTS]);
  const [reason, setReason] = useState('');
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'waitlist.join');

  async function join() {
    const r = await submit({ doctorId: doctor.id, patientId: Number(patientId), fromDate: from, toDate: to, dayParts: parts, reason: reason.trim() || undefined });
    if (r) return onJoined(r);
    focusFirstInvalid();
  }
  const toggle = (p: DayPart) => (on: boolean) => setParts((ps) => DAY_PARTS.filter((x) => (x === p ? on : ps.includes(x))));

  const title = t('waitlist.join.title', { doctor: doctor.fullName });
  return (
    <Form onSubmit={() => void join()} label={title}>
      <h3 className="form__title">{title}</h3>
      <p className="form__note">{t('waitlist.join.intro')}</p>
      {error && <Notice kind="error">{lastCode() === 'CONFLICT' ? t('waitlist.join.already') : error}</Notice>}
      {people.length > 1 && (
        <SelectField label={t('waitlist.join.for')} value={patientId} onChange={setPatientId} options={people.map((p) => ({ value: String(p.id), label: p.fullName }))} />
      )}
      <div className="form__row">
        <DateField label={t('waitlist.join.from')} value={from} onChange={setFrom} required error={fieldError('fromDate')} />
        <DateField label={t('waitlist.join.to')} value={to} onChange={setTo} required error={fieldError('toDate')} />
      </div>
      <fieldset className={`fieldset waitlist-parts${fieldError('dayParts') ? ' field--invalid' : ''}`}>
        <legend>{t('waitlist.join.parts')}</legend>
        <div className="waitlist-parts__options">
          {DAY_PARTS.map((p) => <Checkbox key={p} label={t(`waitlist.parts.${p}`)} checked={parts.includes(p)} onChange={toggle(p)} />)}
        </div>
        {fieldError('dayParts') && <p className="field__error">{fieldError('dayParts')}</p>}
      </fieldset>
      <TextArea label={t('waitlist.join.reason')} value={reason} onChange={setReason} rows={2} maxLength={500} error={fieldError('reason')} />
      <div className="form__actions">
        <Button kind="secondary" onClick={onCancel}>{t('waitlist.join.cancel')}</Button>
        <Button type="submit" busy={busy}>{t('waitlist.join.submit')}</Button>
      </div>
    </Form>
  );
}
