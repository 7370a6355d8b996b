import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordView } from '../../../shared/contract';
import { useSession } from '../session/session';
import { FilePreview } from '../ui/FilePreview';
import { ageOn, useDates } from '../ui/format';
import { Button, Empty, Loading, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { ConsultationCard } from './ConsultationCard';
import { RecordTable } from './RecordTable';

/**
 * One patient as a doctor may see them: health details, records (all of them, or only those shared with this
 * doctor), and the clinic's notes and prescriptions. Opening it, and each file, is in the audit log.
 */
export function PatientChart({ patientId, patientName, onBack }: { patientId: number; patientName: string; onBack: () => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { day, dateTime } = useDates();
  const { data, error } = useLoad(invoke, 'records.patientChart', { patientId });
  const [previewing, setPreviewing] = useState<RecordView | null>(null);
  const p = data?.patient;
  const detail = (label: string, value: string | null) => (
    <>
      <dt>{label}</dt>
      <dd className="multiline">{value || <span className="not-given">{t('patient.details.notGiven')}</span>}</dd>
    </>
  );

  return (
    <Page title={t('chart.title', { name: p?.fullName ?? patientName })} actions={<Button kind="secondary" onClick={onBack}>{t('chart.back')}</Button>}>
      {error && <Notice kind="error">{error}</Notice>}
      {!data && !error && <Loading />}
      {data && p && (
        <>
          <p className={data.via === 'emergency' ? 'notice notice--error' : 'lead'}>
            {data.via === 'emergency' ? t('chart.via.emergency', { until: dateTime(data.until!) }) : t(`chart.via.${data.via}`)}
          </p>
          <div className="card">
            <dl className="details">
              {detail(t('patient.form.dateOfBirth'), p.dateOfBirth ? t('patient.details.dateWithAge', { date: day(p.dateOfBirth, 'long'), age: ageOn(p.dateOfBirth) }) : null)}
              {detail(t('patient.form.sex'), p.sex ? t(`labels.sex.${p.sex}`) : null)}
              {detail(t('patient.form.bloodGroup'), p.bloodGroup)}
              {detail(t('patient.form.allergies'), p.allergies)}
              {detail(t('patient.form.chronicConditions'), p.chronicConditions)}
              {detail(t('patient.form.currentMedications'), p.currentMedications)}
            </dl>
          </div>
          <section aria-labelledby="chart-records">
            <h2 id="chart-records">{t('chart.records')}</h2>
            <RecordTable rows={data.records} empty={t('chart.noRecords')} onPreview={setPreviewing} />
          </section>
          {data.via !== 'shared' && (
            <section aria-labelledby="chart-consultations">
              <h2 id="chart-consultations">{t('chart.consultations')}</h2>
              {data.consultations.length === 0 && <Empty>{t('chart.noConsultations')}</Empty>}
              {data.consultations.map((c) => <ConsultationCard key={c.appointmentId} consultation={c} />)}
            </section>
          )}
        </>
      )}
      {previewing && (
        <FilePreview title={previewing.title} load={() => invoke('records.file', { recordId: previewing.id })} onClose={() => setPreviewing(null)} />
      )}
    </Page>
  );
}
