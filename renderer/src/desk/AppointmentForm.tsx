import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MODES, type AppointmentView, type SlotView } from '../../../shared/contract';
import { useErrorCode } from '../booking/errorCode';
import { modeLabel } from '../booking/labels';
import { useSession } from '../session/session';
import { SelectField, TextArea } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { specialityLabel, useDates } from '../ui/format';
import { Button, Form, Loading, Notice } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { useSubmit } from '../ui/useSubmit';
import { FreeSlots } from './FreeSlots';

export interface ChosenPatient {
  id: number;
  fullName: string;
  phone: string;
  justRegistered?: boolean;
}

type Mode = (typeof MODES)[number];

/** Whom the desk is booking for, with the way back to choose someone else. */
export function ChosenPatientCard({ patient, onChange }: { patient: ChosenPatient; onChange: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="desk-chosen card">
      <p>{t(patient.justRegistered ? 'board.book.registered' : 'board.book.for', { name: patient.fullName, id: patient.id, phone: patient.phone })}</p>
      <Button kind="secondary" onClick={onChange}>{t('board.book.changePatient')}</Button>
    </div>
  );
}

/** Step two: a doctor, a day, one of the doctor's free times, the kind of visit and the reason; then book. */
export function AppointmentForm({ patient, onChangePatient, onBooked }: {
  patient: ChosenPatient;
  onChangePatient: () => void;
  onBooked: (a: AppointmentView) => void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const { invoke, lastCode } = useErrorCode(session.invoke);
  const { today } = useDates();
  const doctors = useLoad(session.invoke, 'doctors.directory', {});
  const [doctorId, setDoctorId] = useState('');
  const [date, setDate] = useState(today);
  const [slot, setSlot] = useState<SlotView | null>(null);
  const [mode, setMode] = useState<Mode>('in_person');
  const [reason, setReason] = useState('');
  const [reloadSlots, setReloadSlots] = useState(0);
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'appointments.book');

  const pick = useCallback((s: SlotView | null) => {
    setSlot(s);
    if (s && !s.modes.includes(mode)) setMode(s.modes[0]!);
  }, [mode]);

  async function book() {
    const r = await submit(
      { doctorId: Number(doctorId) || 0, start: slot?.start ?? '', mode, reason: reason.trim() || undefined, patientId: patient.id },
      doctorId ? {} : { doctorId: 'doctor_required' },
    );
    if (r) return onBooked(r);
    const code = lastCode();
    // Someone else took the time (or it stopped being free) while the form was open: show what is free now.
    if (code === 'SLOT_TAKEN' || code === 'SLOT_UNAVAILABLE') {
      setSlot(null);
      setReloadSlots((k) => k + 1);
    }
    focusFirstInvalid();
  }

  const modes: readonly Mode[] = slot ? slot.modes : MODES;
  return (
    <>
      <ChosenPatientCard patient={patient} onChange={onChangePatient} />
      {doctors.error && <Notice kind="error">{doctors.error}</Notice>}
      {doctors.loading && <Loading />}
      {doctors.data && (
        <Form onSubmit={book} label={t('board.book.formLabel', { name: patient.fullName })}>
          {error && <Notice kind="error">{error}</Notice>}
          <SelectField
            label={t('board.book.doctor')} value={doctorId} required placeholder={t('board.book.chooseDoctor')}
            onChange={(v) => { setDoctorId(v); setSlot(null); }}
            options={doctors.data.map((d) => ({ value: String(d.id), label: `${d.fullName} · ${specialityLabel(t, d)}` }))}
            error={fieldError('doctorId')}
          />
          {doctorId && (
            <FreeSlots
              doctorId={Number(doctorId)} date={date} onDate={(d) => { setDate(d); setSlot(null); }}
              value={slot?.start ?? null} onPick={pick} reloadKey={reloadSlots} error={fieldError('start')}
            />
          )}
          <SelectField
            label={t('board.book.mode')} value={mode} onChange={(v) => setMode(v as Mode)} required
            options={modes.map((m) => ({ value: m, label: modeLabel(t, m) }))} error={fieldError('mode')}
          />
          <TextArea label={t('board.book.reason')} value={reason} onChange={setReason} rows={2} maxLength={500} error={fieldError('reason')} />
          <div className="form__actions">
            <Button type="submit" busy={busy}>{t('board.book.confirm')}</Button>
          </div>
        </Form>
      )}
    </>
  );
}
