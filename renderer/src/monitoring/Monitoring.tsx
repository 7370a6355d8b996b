import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartRange } from '../../../shared/monitoring';
import { NotPractising } from '../doctor/NotPractising';
import { useSession } from '../session/session';
import { DataTable } from '../ui/DataTable';
import { SelectField } from '../ui/Field';
import { useDates } from '../ui/format';
import { FilePreview } from '../ui/FilePreview';
import { Button, Empty, Loading, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { AlertItem } from './AlertItem';
import { Charts } from './Charts';
import { PlanEditor } from './PlanEditor';
import { ReadingEntry } from './ReadingEntry';
import { LogVisit, VisitList } from './Visits';

type Opened = { patientId: number; fullName: string };

/** A doctor's monitoring: the alert inbox, their monitored patients at a glance, enrolment, and the handled alerts. */
export function Monitoring() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { dateTime } = useDates();
  const patients = useLoad(invoke, 'monitoring.patients', {}, ['monitoring']);
  const inbox = useLoad(invoke, 'monitoring.alerts', { handled: false }, ['monitoring']);
  const [showHistory, setShowHistory] = useState(false);
  const [open, setOpen] = useState<Opened | null>(null);

  if (patients.errorCode === 'FORBIDDEN') return <NotPractising title={t('monitoring.doctor.title')} />;
  if (open) return <MonitoredPatient {...open} onBack={() => setOpen(null)} />;
  const reload = () => {
    void patients.reload();
    void inbox.reload();
  };
  return (
    <Page title={t('monitoring.doctor.title')}>
      <section className="card" aria-labelledby="inbox-title">
        <h2 id="inbox-title">{t('monitoring.alerts.inbox', { count: inbox.data?.length ?? 0 })}</h2>
        {inbox.error && <Notice kind="error">{inbox.error}</Notice>}
        {!inbox.data && !inbox.error && <Loading />}
        {inbox.data?.length === 0 && <Empty>{t('monitoring.alerts.none')}</Empty>}
        <ul className="plain-list alert-list">
          {inbox.data?.map((a) => <AlertItem key={a.id} alert={a} onPatient={() => setOpen({ patientId: a.patientId, fullName: a.patientName })} onHandled={reload} />)}
        </ul>
      </section>
      <section className="card" aria-labelledby="monitored-title">
        <h2 id="monitored-title">{t('monitoring.doctor.patients')}</h2>
        <DataTable
          caption={t('monitoring.doctor.patients')}
          rows={patients.data}
          rowKey={(p) => p.patientId}
          error={patients.error}
          empty={t('monitoring.doctor.nonePatients')}
          columns={[
            { header: t('patients.name'), cell: (p) => <Button kind="link" onClick={() => setOpen(p)}>{p.fullName}</Button> },
            { header: t('monitoring.doctor.status'), cell: (p) => <span className={`badge badge--monitor-${p.status}`}>{t(`monitoring.status.${p.status}`)}</span> },
            { header: t('monitoring.doctor.openAlerts'), cell: (p) => String(p.openAlerts) },
            { header: t('monitoring.doctor.lastReading'), cell: (p) => (p.lastReadingAt ? dateTime(p.lastReadingAt) : t('monitoring.doctor.noReadings')), className: 'nowrap' },
          ]}
        />
      </section>
      <Enrol onChosen={setOpen} />
      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">{t('monitoring.alerts.history')}</h2>
        <Button kind="secondary" onClick={() => setShowHistory((s) => !s)}>{showHistory ? t('monitoring.alerts.hideHistory') : t('monitoring.alerts.showHistory')}</Button>
        {showHistory && <History />}
      </section>
    </Page>
  );
}

function History() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { data, error, reload } = useLoad(invoke, 'monitoring.alerts', { handled: true }, ['monitoring']);
  if (error) return <Notice kind="error">{error}</Notice>;
  if (!data) return <Loading />;
  if (data.length === 0) return <Empty>{t('monitoring.alerts.noneHandled')}</Empty>;
  return <ul className="plain-list alert-list">{data.map((a) => <AlertItem key={a.id} alert={a} onHandled={() => void reload()} />)}</ul>;
}

/** One of the doctor's patients (by an appointment) chosen to be enrolled. */
function Enrol({ onChosen }: { onChosen: (p: Opened) => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { data } = useLoad(invoke, 'records.myPatients', {});
  const [chosen, setChosen] = useState('');
  const candidates = data?.filter((p) => p.via === 'appointment') ?? [];
  const patient = candidates.find((p) => String(p.patientId) === chosen);
  return (
    <section className="card" aria-labelledby="enrol-title">
      <h2 id="enrol-title">{t('monitoring.doctor.enrol')}</h2>
      <p>{t('monitoring.doctor.enrolIntro')}</p>
      <div className="search-row">
        <SelectField label={t('monitoring.doctor.patient')} value={chosen} onChange={setChosen} placeholder={t('monitoring.doctor.choosePatient')}
          options={candidates.map((p) => ({ value: String(p.patientId), label: p.fullName }))} />
        <Button kind="secondary" disabled={!patient} onClick={() => patient && onChosen(patient)}>{t('monitoring.doctor.openPlan')}</Button>
      </div>
    </section>
  );
}

/** One patient: their plan (to set or change), the readings' charts, a reading entered by the doctor, the alerts. */
function MonitoredPatient({ patientId, fullName, onBack }: Opened & { onBack: () => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const [range, setRange] = useState<ChartRange>('3m');
  const { data, error, reload } = useLoad(invoke, 'monitoring.patient', { patientId, range }, ['monitoring']);
  const [printing, setPrinting] = useState(false);
  const name = data?.patientName ?? fullName;
  const actions = (
    <>
      <Button kind="secondary" onClick={() => setPrinting(true)} disabled={!data}>{t('monitoring.doctor.summary')}</Button>
      <Button kind="secondary" onClick={onBack}>{t('monitoring.doctor.back')}</Button>
    </>
  );
  return (
    <Page title={t('monitoring.doctor.patientTitle', { name })} actions={actions}>
      {printing && (
        <FilePreview
          title={t('monitoring.doctor.summaryTitle', { name, range: t(`monitoring.ranges.${range}`) })}
          load={() => invoke('monitoring.summaryPdf', { patientId, range })}
          onClose={() => setPrinting(false)}
        />
      )}
      {error && <Notice kind="error">{error}</Notice>}
      {!data && !error && <Loading />}
      {data && (
        <>
          <Charts plans={data.plan ? [data.plan] : []} readings={data.readings} range={range} onRange={setRange} />
          <section className="card" aria-labelledby="patient-alerts-title">
            <h2 id="patient-alerts-title">{t('monitoring.doctor.patientAlerts')}</h2>
            {data.alerts.length === 0 && <Empty>{t('monitoring.alerts.none')}</Empty>}
            <ul className="plain-list alert-list">{data.alerts.map((a) => <AlertItem key={a.id} alert={a} onHandled={() => void reload()} />)}</ul>
          </section>
          <section className="card" aria-labelledby="visits-title">
            <h2 id="visits-title">{t('monitoring.visits.title')}</h2>
            <VisitList visits={data.visits} />
            {data.plan ? <LogVisit patientId={patientId} onSaved={() => void reload()} /> : <p className="form__note">{t('monitoring.visits.enrolFirst')}</p>}
          </section>
          <ReadingEntry patientId={patientId} measures={data.plan?.measures.map((m) => m.measure)} onSaved={() => void reload()} />
          <PlanEditor patientId={patientId} patientName={data.patientName} plan={data.plan} onSaved={() => void reload()} />
        </>
      )}
    </Page>
  );
}
