import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/contract';
import { NotPractising } from '../doctor/NotPractising';
import { useSession } from '../session/session';
import { DataTable } from '../ui/DataTable';
import { TextArea, TextField } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { useDates } from '../ui/format';
import { Button, Form, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { useSubmit } from '../ui/useSubmit';
import { PatientChart } from './PatientChart';

type Found = Output<'records.findPatient'>[number];

/** The patients a doctor may see (appointment, shared records, emergency access), and emergency access to anyone else's. */
export function MyPatients() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { day, date } = useDates();
  const { data, error, errorCode, reload } = useLoad(invoke, 'records.myPatients', {});
  const [open, setOpen] = useState<{ patientId: number; fullName: string } | null>(null);

  if (errorCode === 'FORBIDDEN') return <NotPractising title={t('patients.title')} />;
  if (open) {
    return (
      <PatientChart
        patientId={open.patientId}
        patientName={open.fullName}
        onBack={() => {
          setOpen(null);
          void reload();
        }}
      />
    );
  }
  return (
    <Page title={t('patients.title')}>
      <p className="lead">{t('patients.intro')}</p>
      <DataTable
        caption={t('patients.title')}
        rows={data}
        rowKey={(p) => p.patientId}
        error={error}
        empty={t('patients.none')}
        columns={[
          {
            header: t('patients.name'),
            cell: (p) => <Button kind="link" onClick={() => setOpen(p)}>{p.fullName}<span className="visually-hidden"> {t('patients.openChart')}</span></Button>,
          },
          { header: t('patient.form.dateOfBirth'), cell: (p) => (p.dateOfBirth ? day(p.dateOfBirth) : ''), className: 'nowrap' },
          { header: t('patients.via'), cell: (p) => t(`patients.viaShort.${p.via}`) },
          { header: t('patients.lastVisit'), cell: (p) => (p.lastVisit ? date(p.lastVisit) : ''), className: 'nowrap' },
          { header: t('patients.nextVisit'), cell: (p) => (p.nextVisit ? date(p.nextVisit) : ''), className: 'nowrap' },
        ]}
      />
      <EmergencyAccess onGranted={(p) => setOpen(p)} />
    </Page>
  );
}

/** A patient found by mobile number, opened with a typed reason: an hour's access, flagged for the administrator. */
function EmergencyAccess({ onGranted }: { onGranted: (p: { patientId: number; fullName: string }) => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { day } = useDates();
  const [phone, setPhone] = useState('');
  const [found, setFound] = useState<Found[] | null>(null);
  const [chosen, setChosen] = useState<Found | null>(null);
  const [reason, setReason] = useState('');
  const search = useSubmit(invoke, 'records.findPatient');
  const grant = useSubmit(invoke, 'records.emergencyAccess');

  async function find() {
    setChosen(null);
    const r = await search.submit({ phone });
    if (r) setFound(r);
    else focusFirstInvalid();
  }

  async function open() {
    if (!chosen) return;
    const r = await grant.submit({ patientId: chosen.patientId, reason });
    if (r) onGranted(chosen);
    else focusFirstInvalid();
  }

  return (
    <section className="card emergency" aria-labelledby="emergency-title">
      <h2 id="emergency-title">{t('patients.emergency.title')}</h2>
      <p>{t('patients.emergency.intro')}</p>
      {search.error && <Notice kind="error">{search.error}</Notice>}
      <Form onSubmit={() => void find()} label={t('patients.emergency.find')}>
        <div className="search-row">
          <TextField label={t('patients.emergency.phone')} type="tel" inputMode="tel" value={phone} onChange={setPhone} maxLength={20} error={search.fieldError('phone')} />
          <Button type="submit" kind="secondary" busy={search.busy}>{t('patients.emergency.find')}</Button>
        </div>
      </Form>
      {found && found.length === 0 && <p className="empty">{t('patients.emergency.noneFound')}</p>}
      {found && found.length > 0 && (
        <ul className="plain-list">
          {found.map((p) => (
            <li key={p.patientId}>
              <Button kind={chosen?.patientId === p.patientId ? 'primary' : 'secondary'} onClick={() => setChosen(p)}>
                {p.fullName}{p.dateOfBirth ? ` · ${day(p.dateOfBirth)}` : ''}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {chosen && (
        <Form onSubmit={() => void open()} label={t('patients.emergency.open', { name: chosen.fullName })}>
          {grant.error && <Notice kind="error">{grant.error}</Notice>}
          <TextArea label={t('patients.emergency.reason')} value={reason} onChange={setReason} rows={2} maxLength={1000} required hint={t('patients.emergency.reasonHint')} error={grant.fieldError('reason')} />
          <div className="form__actions">
            <Button type="submit" kind="danger" busy={grant.busy}>{t('patients.emergency.open', { name: chosen.fullName })}</Button>
          </div>
        </Form>
      )}
    </section>
  );
}
