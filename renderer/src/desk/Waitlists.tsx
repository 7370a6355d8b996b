import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WaitlistEntry } from '../../../shared/contract';
import { useSession } from '../session/session';
import { SelectField } from '../ui/Field';
import { specialityLabel } from '../ui/format';
import { Button, Loading, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { JoinWaitlist } from '../waitlist/JoinWaitlist';
import { OfferCard } from '../waitlist/OfferCard';
import { WaitingList } from '../waitlist/WaitingList';
import { emptySearch, PatientSearch, type PatientSummary } from './PatientSearch';

/**
 * Each doctor's waitlist for the front desk, first in line first: who waits for which days, what is held for whom
 * (taken or declined here when the patient phones), and a patient put on the list for them.
 */
export function Waitlists() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const doctors = useLoad(invoke, 'doctors.directory', {});
  const [doctorId, setDoctorId] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  return (
    <Page title={t('waitlist.desk.title')}>
      <Notice kind="info">{t('desk.audited')}</Notice>
      {doctors.error && <Notice kind="error">{doctors.error}</Notice>}
      {doctors.loading && <Loading />}
      {doctors.data && (
        <SelectField
          label={t('board.book.doctor')} value={doctorId} placeholder={t('board.book.chooseDoctor')}
          onChange={(v) => { setDoctorId(v); setNotice(null); setAdding(false); }}
          options={doctors.data.map((d) => ({ value: String(d.id), label: `${d.fullName} · ${specialityLabel(t, d)}` }))}
        />
      )}
      {notice && <Notice kind="success">{notice}</Notice>}
      {doctorId && doctors.data && (
        <DoctorList
          key={doctorId}
          doctor={doctors.data.find((d) => String(d.id) === doctorId)!}
          adding={adding}
          onAdding={setAdding}
          onNotice={setNotice}
        />
      )}
    </Page>
  );
}

function DoctorList({ doctor, adding, onAdding, onNotice }: {
  doctor: { id: number; fullName: string };
  adding: boolean;
  onAdding: (v: boolean) => void;
  onNotice: (message: string | null) => void;
}) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const list = useLoad(invoke, 'waitlist.ofDoctor', { doctorId: doctor.id }, ['waitlist']);
  const [search, setSearch] = useState(emptySearch);
  const [patient, setPatient] = useState<PatientSummary | null>(null);

  useEffect(() => {
    if (!adding) setPatient(null);
  }, [adding]);

  async function changed(message: string) {
    onNotice(message);
    onAdding(false);
    await list.reload();
  }
  const joined = (e: WaitlistEntry) =>
    void changed(e.offer ? t('waitlist.desk.joinedOffered', { name: e.patientName }) : t('waitlist.join.done', { name: e.patientName, doctor: e.doctorName }));

  const offers = list.data?.filter((e): e is WaitlistEntry & { offer: NonNullable<WaitlistEntry['offer']> } => e.offer !== null) ?? [];
  return (
    <section aria-labelledby="desk-waitlist-title">
      <div className="family__head">
        <h2 id="desk-waitlist-title">{t('waitlist.desk.listOf', { doctor: doctor.fullName })}</h2>
        {!adding && <Button kind="secondary" onClick={() => { onNotice(null); onAdding(true); }}>{t('waitlist.desk.add')}</Button>}
      </div>
      {adding && !patient && (
        <div className="card">
          <PatientSearch
            value={search} onChange={setSearch} autoFocus actionLabel={t('board.book.choose')}
            actionName={(p) => t('board.book.chooseNamed', { name: p.fullName })} onAction={setPatient}
          />
          <div className="form__actions"><Button kind="secondary" onClick={() => onAdding(false)}>{t('waitlist.join.cancel')}</Button></div>
        </div>
      )}
      {adding && patient && <JoinWaitlist doctor={doctor} people={[patient]} onJoined={joined} onCancel={() => onAdding(false)} />}
      {list.error && <Notice kind="error">{list.error}</Notice>}
      {list.loading && <Loading />}
      {offers.map((e) => <OfferCard key={e.offer.id} entry={e} onAnswered={changed} />)}
      {list.data && <WaitingList entries={list.data} onLeft={changed} byPatient />}
    </section>
  );
}
