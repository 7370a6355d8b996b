import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentView, Output } from '../../../shared/contract';
import { useSession } from '../session/session';
import { errorText } from '../ui/errors';
import { addDays, useDates, weekStart } from '../ui/format';
import { Loading, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { useRefreshWhile } from '../ui/useRefreshWhile';
import { AppointmentCard } from './AppointmentCard';
import { BlockTimeForm } from './BlockTimeForm';
import { NotPractising } from './NotPractising';
import { DayTable } from '../print/DayTable';
import { PrintSheet } from '../print/PrintSheet';
import { ConsultationEditor } from '../records/ConsultationEditor';
import { PatientChart } from '../records/PatientChart';

type View = 'day' | 'week';
type Blocked = Output<'appointments.schedule'>['blocked'][number];
type Item = { kind: 'appointment'; start: string; appointment: AppointmentView } | { kind: 'blocked'; start: string; block: Blocked };

/** The doctor's appointments and blocked time, a day or a week at a time, in the clinic's zone. */
export function Schedule() {
  const { t } = useTranslation();
  const { invoke, user } = useSession();
  const { zone, today, dayOf, longDay, daySpan } = useDates();
  const [view, setView] = useState<View>('day');
  const [anchor, setAnchor] = useState(today);
  const [blocking, setBlocking] = useState(false);
  const [notices, setNotices] = useState<Record<number, string>>({});
  const [pageNotice, setPageNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [printing, setPrinting] = useState(false);
  const blockButton = useRef<HTMLButtonElement>(null);
  const [opened, setOpened] = useState<{ what: 'chart' | 'notes'; appointment: AppointmentView } | null>(null);

  const from = view === 'day' ? anchor : weekStart(anchor);
  const to = view === 'day' ? anchor : addDays(from, 6);
  const { data, error, errorCode, reload } = useLoad(invoke, 'appointments.schedule', { fromDate: from, toDate: to }, ['appointments']);
  useRefreshWhile(!!data?.appointments.some((a) => a.video?.state === 'pending'), reload);

  if (errorCode === 'FORBIDDEN') return <NotPractising title={t('schedule.title')} />;
  if (opened) {
    const back = () => {
      setOpened(null);
      void reload();
    };
    return opened.what === 'chart' ? (
      <PatientChart patientId={opened.appointment.patientId} patientName={opened.appointment.patientName} onBack={back} />
    ) : (
      <ConsultationEditor appointmentId={opened.appointment.id} onBack={back} />
    );
  }

  const days = view === 'day' ? [from] : [0, 1, 2, 3, 4, 5, 6].map((n) => addDays(from, n));
  const now = today();
  const byDay = new Map<string, Item[]>(days.map((d) => [d, []]));
  for (const a of data?.appointments ?? []) byDay.get(dayOf(a.start))?.push({ kind: 'appointment', start: a.start, appointment: a });
  for (const b of data?.blocked ?? []) {
    // A block begun before the days shown is listed on the first of them.
    const day = dayOf(b.start);
    byDay.get(day < from ? from : day)?.push({ kind: 'blocked', start: b.start, block: b });
  }
  for (const items of byDay.values()) items.sort((x, y) => x.start.localeCompare(y.start));

  const move = (n: number) => {
    setPageNotice(null);
    setAnchor(addDays(anchor, view === 'day' ? n : 7 * n));
  };
  const rangeTitle = view === 'day' ? longDay(from) : daySpan(from, to);

  if (printing && data) {
    return (
      <PrintSheet
        title={t('print.myDay.title')}
        subtitle={`${user.fullName} · ${rangeTitle}`}
        pdf={() => invoke('print.myDay', { fromDate: from, toDate: to })}
        onBack={() => setPrinting(false)}
      >
        {days.map((day) => (
          <section key={day} className="print-section" aria-labelledby={`print-day-${day}`}>
            {view === 'week' && <h2 id={`print-day-${day}`}>{longDay(day)}</h2>}
            <DayTable rows={data.appointments.filter((a) => dayOf(a.start) === day)} caption={longDay(day)} />
          </section>
        ))}
      </PrintSheet>
    );
  }

  async function changed(id: number, text: string) {
    setNotices({ [id]: text });
    setPageNotice(null);
    await reload();
  }

  async function unblock(b: Blocked, label: string) {
    setNotices({});
    const r = await invoke('appointments.unblock', { blockId: b.id });
    setPageNotice(r.ok ? { kind: 'success', text: t('schedule.unblocked', { time: label }) } : { kind: 'error', text: errorText(t, r.error) });
    await reload();
    requestAnimationFrame(() => document.getElementById('schedule-range')?.focus());
  }

  return (
    <Page
      title={t('schedule.title')}
      actions={
        <>
          <button type="button" className="btn btn--secondary" disabled={!data} onClick={() => setPrinting(true)}>
            {t(`print.myDay.open.${view}`)}
          </button>
          <button ref={blockButton} type="button" className="btn btn--secondary" aria-expanded={blocking} onClick={() => setBlocking(!blocking)}>
            {t('schedule.block.open')}
          </button>
        </>
      }
    >
      <p className="sched-zone">{t('schedule.zone', { zone })}</p>
      {blocking && (
        <BlockTimeForm
          initialDate={anchor}
          onClose={() => {
            setBlocking(false);
            requestAnimationFrame(() => blockButton.current?.focus());
          }}
          onBlocked={async (date, text) => {
            setBlocking(false);
            setNotices({});
            setPageNotice({ kind: 'success', text });
            if (date < from || date > to) setAnchor(date);
            else await reload();
            requestAnimationFrame(() => document.getElementById('schedule-range')?.focus());
          }}
        />
      )}
      <div className="sched-toolbar" role="group" aria-label={t('schedule.toolbar')}>
        <div className="sched-toolbar__views">
          {(['day', 'week'] as const).map((v) => (
            <button key={v} type="button" className="btn btn--secondary" aria-pressed={view === v} onClick={() => { setView(v); setPageNotice(null); }}>
              {t(`schedule.view.${v}`)}
            </button>
          ))}
        </div>
        <div className="sched-toolbar__nav">
          <button type="button" className="btn btn--secondary" onClick={() => move(-1)}>
            <span aria-hidden="true">‹ </span>{t(`schedule.previous.${view}`)}
          </button>
          <button type="button" className="btn btn--secondary" onClick={() => { setAnchor(today()); setPageNotice(null); }} disabled={days.includes(now)}>
            {t('schedule.today')}
          </button>
          <button type="button" className="btn btn--secondary" onClick={() => move(1)}>
            {t(`schedule.next.${view}`)}<span aria-hidden="true"> ›</span>
          </button>
        </div>
      </div>
      <h2 id="schedule-range" className="sched-range-title" tabIndex={-1} aria-live="polite">
        {rangeTitle}
        {view === 'day' && from === now && <span className="sched-today"> · {t('schedule.todayMark')}</span>}
      </h2>
      {pageNotice && <Notice kind={pageNotice.kind}>{pageNotice.text}</Notice>}
      {error && <Notice kind="error">{error}</Notice>}
      {!data && !error && <Loading />}
      {data &&
        days.map((day) => (
          <DaySection key={day} day={day} single={view === 'day'} isToday={day === now} items={byDay.get(day) ?? []}>
            {(item) =>
              item.kind === 'appointment' ? (
                <AppointmentCard
                  key={`a${item.appointment.id}`}
                  appointment={item.appointment}
                  notice={notices[item.appointment.id]}
                  onChanged={changed}
                  onOpen={(what, appointment) => setOpened({ what, appointment })}
                  nameLevel={view === 'day' ? 3 : 4}
                />
              ) : (
                <BlockedItem key={`b${item.block.id}`} block={item.block} onUnblock={unblock} />
              )
            }
          </DaySection>
        ))}
    </Page>
  );
}

function DaySection({ day, single, isToday, items, children }: {
  day: string;
  single: boolean;
  isToday: boolean;
  items: Item[];
  children: (item: Item) => ReactNode;
}) {
  const { t } = useTranslation();
  const { longDay } = useDates();
  const appointments = items.filter((i) => i.kind === 'appointment').length;
  return (
    <section className={`sched-dayview${isToday ? ' sched-dayview--today' : ''}`} aria-label={single ? undefined : longDay(day)}>
      {!single && (
        <h3 className="sched-dayview__title">
          {longDay(day)}
          {isToday && <span className="sched-today"> · {t('schedule.todayMark')}</span>}
        </h3>
      )}
      {items.length > 0 && <ul className="sched-list">{items.map(children)}</ul>}
      {appointments === 0 && <p className="empty">{single ? t('schedule.emptyDay') : t('schedule.emptyShort')}</p>}
    </section>
  );
}

function BlockedItem({ block, onUnblock }: { block: Blocked; onUnblock: (b: Blocked, label: string) => void }) {
  const { t } = useTranslation();
  const { time } = useDates();
  const [busy, setBusy] = useState(false);
  const label = `${time(block.start)} – ${time(block.end)}`;
  return (
    <li className="sched-item sched-item--blocked">
      <div className="sched-item__row">
        <div className="sched-item__time">{label}</div>
        <div className="sched-item__main">
          <p className="sched-item__name">{t('schedule.blocked')}</p>
          {block.reason && <p className="sched-item__meta">{block.reason}</p>}
        </div>
        <div className="sched-item__actions">
          <button
            type="button"
            className="btn btn--secondary"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              onUnblock(block, label);
            }}
          >
            {t('schedule.unblock')}
            <span className="visually-hidden"> {label}</span>
          </button>
        </div>
      </div>
    </li>
  );
}
