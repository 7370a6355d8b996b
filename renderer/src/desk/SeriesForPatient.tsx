import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SeriesView } from '../../../shared/contract';
import { SeriesPlanner } from '../series/SeriesPlanner';
import { useSession } from '../session/session';
import { SelectField } from '../ui/Field';
import { specialityLabel, useDates } from '../ui/format';
import { Loading, Notice } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { ChosenPatientCard, type ChosenPatient } from './AppointmentForm';

/** The front desk books repeat visits: a doctor, then the series (SeriesPlanner). */
export function SeriesForPatient({ patient, onChangePatient, onBooked }: { patient: ChosenPatient; onChangePatient: () => void; onBooked: (s: SeriesView) => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { today } = useDates();
  const doctors = useLoad(invoke, 'doctors.directory', {});
  const [doctorId, setDoctorId] = useState('');
  return (
    <>
      <ChosenPatientCard patient={patient} onChange={onChangePatient} />
      {doctors.error && <Notice kind="error">{doctors.error}</Notice>}
      {doctors.loading && <Loading />}
      {doctors.data && (
        <SelectField
          label={t('board.book.doctor')} value={doctorId} required placeholder={t('board.book.chooseDoctor')} onChange={setDoctorId}
          options={doctors.data.map((d) => ({ value: String(d.id), label: `${d.fullName} · ${specialityLabel(t, d)}` }))}
        />
      )}
      {doctorId && (
        <SeriesPlanner key={doctorId} doctorId={Number(doctorId)} patient={patient} firstDate={today()} onBooked={onBooked} onCancel={() => setDoctorId('')} />
      )}
    </>
  );
}
