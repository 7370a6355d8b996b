import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentView, SeriesView } from '../../../shared/contract';
import { AppointmentSlip } from '../print/AppointmentSlip';
import { useSession } from '../session/session';
import { errorText } from '../ui/errors';
import { useDates } from '../ui/format';
import { Button, Notice, Page } from '../ui/Layout';
import { AppointmentForm, type ChosenPatient } from './AppointmentForm';
import { SeriesForPatient } from './SeriesForPatient';
import { emptySearch, PatientSearch, type PatientSummary, type SearchState } from './PatientSearch';
import { WalkInForm } from './WalkInForm';

type Who = 'registered' | 'walk_in';

/** The front desk books on a patient's behalf: find them (or register a walk-in), then a doctor and a free time. */
export function BookForPatient() {
  const { t } = useTranslation();
  const { dateTime } = useDates();
  const [patient, setPatient] = useState<ChosenPatient | null>(null);
  const [visits, setVisits] = useState<'one' | 'series'>('one');
  const [booked, setBooked] = useState<{ message: string; slip: AppointmentView | null } | null>(null);
  const [printing, setPrinting] = useState(false);

  useEffect(() => {
    if (!printing) document.getElementById('page-title')?.focus();
  }, [patient, booked, printing]);

  if (booked?.slip && printing) {
    return <AppointmentSlip appointment={booked.slip} onBack={() => setPrinting(false)} />;
  }

  if (booked && patient) {
    return (
      <Page title={t('board.book.title')}>
        <Notice kind="success">{booked.message}</Notice>
        <div className="form__actions form__actions--start">
          {booked.slip && <Button onClick={() => setPrinting(true)}>{t('print.slip.open')}</Button>}
          <Button kind={booked.slip ? 'secondary' : 'primary'} onClick={() => setBooked(null)}>{t('board.book.againSame', { name: patient.fullName })}</Button>
          <Button kind="secondary" onClick={() => { setBooked(null); setPatient(null); }}>{t('board.book.another')}</Button>
        </div>
      </Page>
    );
  }

  const single = (a: AppointmentView) =>
    setBooked({ message: t('board.book.booked', { name: a.patientName, doctor: a.doctorName, when: dateTime(a.start), number: a.number }), slip: a });
  const series = (s: SeriesView) =>
    setBooked({ message: t('series.planner.booked', { count: s.appointments.length, name: s.patientName, doctor: s.doctorName }), slip: null });
  return (
    <Page title={t('board.book.title')}>
      {!patient && <ChoosePatient onChosen={setPatient} />}
      {patient && (
        <>
          <fieldset className="fieldset desk-who">
            <legend>{t('series.visits.legend')}</legend>
            <div className="desk-who__options">
              {(['one', 'series'] as const).map((v) => (
                <label key={v} className="desk-choice">
                  <input type="radio" name="desk-visits" value={v} checked={visits === v} onChange={() => setVisits(v)} />
                  {t(`series.visits.${v}`)}
                </label>
              ))}
            </div>
          </fieldset>
          {visits === 'one' ? (
            <AppointmentForm patient={patient} onChangePatient={() => setPatient(null)} onBooked={single} />
          ) : (
            <SeriesForPatient patient={patient} onChangePatient={() => setPatient(null)} onBooked={series} />
          )}
        </>
      )}
    </Page>
  );
}

/** Step one: a registered patient from a search, or a walk-in registered here and now. */
function ChoosePatient({ onChosen }: { onChosen: (p: ChosenPatient) => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const [who, setWho] = useState<Who>('registered');
  const [search, setSearch] = useState<SearchState>(emptySearch);
  const [notice, setNotice] = useState<{ kind: 'info' | 'success' | 'error'; text: string } | null>(null);

  /** The walk-in is already registered: show the records that match, to choose from. */
  async function showExisting(queries: string[]) {
    const found = new Map<number, PatientSummary>();
    for (const query of queries) {
      const r = await invoke('patients.search', { query });
      if (!r.ok) return setNotice({ kind: 'error', text: errorText(t, r.error) });
      for (const p of r.data) found.set(p.id, p);
    }
    setSearch({ query: queries[0]!, results: { query: queries[0]!, patients: [...found.values()] } });
    setWho('registered');
    setNotice({ kind: 'info', text: t('board.book.duplicate') });
  }

  return (
    <>
      <Notice kind="info">{t('desk.audited')}</Notice>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      <fieldset className="fieldset desk-who">
        <legend>{t('board.book.who')}</legend>
        <div className="desk-who__options">
          {(['registered', 'walk_in'] as const).map((w) => (
            <label key={w} className="desk-choice">
              <input type="radio" name="desk-who" value={w} checked={who === w} onChange={() => { setWho(w); setNotice(null); }} />
              {t(`board.book.whoOptions.${w}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {who === 'registered' ? (
        <PatientSearch
          value={search}
          onChange={setSearch}
          actionLabel={t('board.book.choose')}
          actionName={(p) => t('board.book.chooseNamed', { name: p.fullName })}
          onAction={(p) => onChosen({ id: p.id, fullName: p.fullName, phone: p.phone })}
        />
      ) : (
        <WalkInForm onRegistered={(p) => onChosen({ id: p.id, fullName: p.fullName, phone: p.phone, justRegistered: true })} onDuplicate={(q) => void showExisting(q)} />
      )}
    </>
  );
}
