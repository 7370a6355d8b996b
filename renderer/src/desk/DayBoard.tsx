import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session';
import { addDays, specialityLabel, useDates } from '../ui/format';
import { Button, Empty, Loading, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { BoardCard } from './BoardCard';
import { DateField, isDay } from '../ui/DateField';
import { SelectField } from '../ui/Field';
import { AppointmentSlip, type SlipAppointment } from '../print/AppointmentSlip';
import { DayList } from '../print/DayList';

/**
 * The front desk's day: who is waiting, and a column per doctor with the day's appointments, each with what
 * the desk can do (check in, move, cancel). Any day can be shown; today is where it opens.
 */
export function DayBoard() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { today, longDay, time } = useDates();
  const [date, setDate] = useState(today);
  const board = useLoad(invoke, 'desk.board', { date }, ['appointments', 'doctors']);
  const [notice, setNotice] = useState<string | null>(null);
  const [printFor, setPrintFor] = useState('all');
  const [printing, setPrinting] = useState<{ kind: 'list' } | { kind: 'slip'; appointment: SlipAppointment } | null>(null);
  const data = board.data;

  if (printing && data) {
    const back = () => setPrinting(null);
    if (printing.kind === 'slip') return <AppointmentSlip appointment={printing.appointment} onBack={back} />;
    return <DayList date={data.date} doctors={data.doctors} doctorId={printFor === 'all' ? undefined : Number(printFor)} onBack={back} />;
  }

  const go = (d: string) => {
    setNotice(null);
    setDate(d);
  };
  async function done(message: string) {
    setNotice(message);
    await board.reload();
  }

  return (
    <Page title={t('board.title')} actions={<Button kind="secondary" onClick={() => void board.reload()}>{t('board.refresh')}</Button>}>
      <div className="desk-daypicker">
        <Button kind="secondary" onClick={() => go(addDays(date, -1))}>{t('board.previousDay')}</Button>
        <DateField label={t('board.date')} hint="" value={date} onChange={(v) => isDay(v) && go(v)} required />
        <Button kind="secondary" onClick={() => go(addDays(date, 1))}>{t('board.nextDay')}</Button>
        {date !== today() && <Button kind="secondary" onClick={() => go(today())}>{t('board.today')}</Button>}
      </div>
      <p className="desk-day" aria-live="polite">
        {longDay(date)}
        {date === today() && <span className="badge desk-today">{t('board.today')}</span>}
      </p>
      <Notice kind="info">{t('board.audited')}</Notice>
      {data && data.date === date && data.doctors.length > 0 && (
        <div className="desk-print">
          <SelectField
            label={t('print.dayList.for')} value={printFor} onChange={setPrintFor}
            options={[{ value: 'all', label: t('print.dayList.all') }, ...data.doctors.map((d) => ({ value: String(d.id), label: d.fullName }))]}
          />
          <Button kind="secondary" onClick={() => setPrinting({ kind: 'list' })}>{t('print.dayList.open')}</Button>
        </div>
      )}
      {notice && <Notice kind="success">{notice}</Notice>}
      {board.error && <Notice kind="error">{board.error}</Notice>}
      {(board.loading || (data && data.date !== date && !board.error)) && <Loading />}
      {data && data.date === date && (
        <>
          <section className="desk-waiting" aria-labelledby="desk-waiting-title">
            <h2 id="desk-waiting-title">
              {t('board.waiting.title')}
              {data.waiting.length > 0 && <span className="badge desk-waiting__count">{data.waiting.length}</span>}
            </h2>
            {data.waiting.length === 0 ? (
              <p className="muted">{t('board.waiting.none')}</p>
            ) : (
              <ol className="desk-waiting__list">
                {data.waiting.map((w) => (
                  <li key={w.appointmentId}>
                    <strong>{w.patientName}</strong>{' '}
                    <span>{t('board.waiting.with', { doctor: w.doctorName, time: time(w.start) })}</span>
                    {w.checkedInAt && <>{' '}<span className="muted">{t('board.waiting.since', { time: time(w.checkedInAt) })}</span></>}
                    {w.queueNumber !== null && <>{' '}<span className="badge desk-queue">{t('board.waiting.queue', { number: w.queueNumber })}</span></>}
                  </li>
                ))}
              </ol>
            )}
          </section>

          {data.doctors.length === 0 ? (
            <Empty>{t('board.noDoctors')}</Empty>
          ) : (
            <div className="desk-columns">
              {data.doctors.map((d) => (
                <section key={d.id} className="desk-column" aria-labelledby={`desk-doctor-${d.id}`}>
                  <header className="desk-column__head">
                    <h2 id={`desk-doctor-${d.id}`}>{d.fullName}</h2>
                    <p>{specialityLabel(t, d)}</p>
                    {!d.practising && <p className="desk-column__warning">{t('board.notPractising')}</p>}
                    <p className="muted">{t('board.count', { count: d.appointments.filter((a) => a.status !== 'cancelled').length })}</p>
                  </header>
                  {d.appointments.length === 0 ? (
                    <p className="desk-column__empty">{t('board.noAppointments')}</p>
                  ) : (
                    <ul className="desk-cards">
                      {d.appointments.map((a) => (
                        <BoardCard
                          key={a.id} appointment={a} doctorId={d.id} onDone={done}
                          onPrintSlip={() => setPrinting({ kind: 'slip', appointment: { ...a, doctorName: d.fullName } })}
                        />
                      ))}
                    </ul>
                  )}
                </section>
              ))}
            </div>
          )}
        </>
      )}
    </Page>
  );
}
