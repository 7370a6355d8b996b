import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssistantAnswer, AssistantBlock, AssistantDoctor } from '../../../shared/contract';
import { rupees } from '../billing/labels';
import { feeLines, modeLabel } from '../booking/labels';
import { Button } from '../ui/Layout';
import { VideoLink } from '../video/VideoLink';
import { formatList, specialityLabel, useDates } from '../ui/format';

/** What an answer's buttons lead to in the patient's window. */
export interface AnswerActions {
  book(doctorId: number): void;
  openAppointments(): void;
  findDoctor(): void;
  /** Absent where there is no such section (the kiosk, where nobody is signed in). */
  openBills?(): void;
  openServices?(): void;
}

interface BlockProps<K extends AssistantBlock['kind']> {
  block: Extract<AssistantBlock, { kind: K }>;
  t: TFunction;
  language: string;
  actions: AnswerActions;
}

/** One answer of the assistant, worded in the answer's own language (Hindi for a Hindi question on an English screen). */
export function AnswerView({ answer, actions }: { answer: AssistantAnswer; actions: AnswerActions }) {
  const { i18n } = useTranslation();
  const t = i18n.getFixedT(answer.language);
  const props = { t, language: answer.language, actions };
  return (
    <div className="answer" lang={answer.language}>
      {answer.blocks.map((b, i) => {
        switch (b.kind) {
          case 'emergency': return <Emergency key={i} block={b} {...props} />;
          case 'condition': return <Condition key={i} block={b} {...props} />;
          case 'symptoms': return <Symptoms key={i} block={b} {...props} />;
          case 'doctors': return <Doctors key={i} block={b} {...props} />;
          case 'appointments': return <Visits key={i} block={b} {...props} />;
          case 'video': return <Video key={i} block={b} {...props} />;
          case 'fees': return <Fees key={i} block={b} {...props} />;
          case 'bills': return <Bills key={i} block={b} {...props} />;
          case 'services': return <Services key={i} block={b} {...props} />;
          case 'reply': return <Reply key={i} block={b} {...props} />;
        }
      })}
      {answer.healthNote && <p className="answer__note">{t('assistant.note')}</p>}
    </div>
  );
}

/** Announced at once, whatever else is being read. */
function Emergency({ block, t }: BlockProps<'emergency'>) {
  return (
    <div className="answer__emergency" role="alert">
      <p className="answer__emergency-title">{t('assistant.emergency.title')}</p>
      <p>{t('assistant.emergency.call', { number: block.number })}</p>
      <p className="answer__number" aria-hidden="true">{block.number}</p>
      <p>{t('assistant.emergency.meanwhile')}</p>
      <ul>{block.advice.map((a) => <li key={a}>{a}</li>)}</ul>
      <p className="muted">{t('assistant.emergency.recorded')}</p>
    </div>
  );
}

function Condition({ block, t }: BlockProps<'condition'>) {
  return (
    <section className="answer__condition" aria-label={block.name}>
      {block.sections.map((s) => (
        <div key={s.section}>
          <h3>{t(`assistant.section.${s.section}`, { name: block.name })}</h3>
          {s.text && <p>{s.text}</p>}
          {s.items.length > 0 && <ul>{s.items.map((item) => <li key={item}>{item}</li>)}</ul>}
        </div>
      ))}
      <p className="answer__sources">
        {t('assistant.sources')}:{' '}
        {block.sources.map((src, i) => (
          <span key={src.url}>
            {i > 0 && '; '}
            <a href={src.url} target="_blank" rel="noreferrer">{src.name}</a>
          </span>
        ))}
      </p>
    </section>
  );
}

function Symptoms({ block, t, language }: BlockProps<'symptoms'>) {
  return (
    <div>
      {block.symptoms.map((s) => (
        <div key={s.id}>
          <h3>{s.name}</h3>
          <p>{s.advice}</p>
        </div>
      ))}
      {block.related.length > 0 && <p>{t('assistant.related', { names: formatList(block.related.map((r) => r.name), language) })}</p>}
    </div>
  );
}

function Doctors({ block, t, language, actions }: BlockProps<'doctors'>) {
  const dates = useDates(language);
  const speciality = t(`labels.speciality.${block.speciality}`);
  return (
    <div>
      {block.fallback ? <p>{t('assistant.doctors.fallback', { speciality })}</p> : <h3>{t('assistant.doctors.title', { speciality })}</h3>}
      {block.doctors.length === 0 ? (
        <p>{t('assistant.doctors.none')}</p>
      ) : (
        <ul className="answer__list">
          {block.doctors.map((d) => (
            <DoctorItem key={d.id} doctor={d} t={t} actions={actions}>
              {d.nextSlot ? t('assistant.doctors.nextFree', { day: dates.shortDay(d.nextSlot.date), time: dates.clock(d.nextSlot.time) }) : t('assistant.doctors.noFreeSlot')}
            </DoctorItem>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A doctor in an answer: name, speciality and place, one line of what was asked (`children`), and Book. */
function DoctorItem({ doctor: d, t, actions, children }: {
  doctor: Pick<AssistantDoctor, 'id' | 'fullName' | 'speciality' | 'specialityOther' | 'hospital'>;
  t: TFunction;
  actions: AnswerActions;
  children: ReactNode;
}) {
  return (
    <li className="answer__item">
      <div>
        <strong>{d.fullName}</strong>
        <br />
        {specialityLabel(t, d)}, {d.hospital}
        <br />
        {children}
      </div>
      <Button kind="secondary" onClick={() => actions.book(d.id)}>{t('assistant.doctors.book', { name: d.fullName })}</Button>
    </li>
  );
}

function Visits({ block, t, language, actions }: BlockProps<'appointments'>) {
  const dates = useDates(language);
  if (block.appointments.length === 0) return <p>{t('assistant.appointments.none')}</p>;
  return (
    <div>
      <h3>{t('assistant.appointments.title')}</h3>
      <ul className="answer__list">
        {block.appointments.map((v) => (
          <li key={v.id}>
            {t('assistant.appointments.item', { when: dates.when(v.start), doctor: v.doctorName, mode: modeLabel(t, v.mode), hospital: v.hospital })}{' '}
            ({t('assistant.appointments.number', { number: v.number })})
          </li>
        ))}
      </ul>
      <Button kind="secondary" onClick={actions.openAppointments}>{t('assistant.appointments.open')}</Button>
    </div>
  );
}

function Video({ block, t, language, actions }: BlockProps<'video'>) {
  const dates = useDates(language);
  const v = block.appointment;
  if (!v) return <p>{t('assistant.video.none')}</p>;
  return (
    <div>
      <p>{t('assistant.video.next', { doctor: v.doctorName, when: dates.when(v.start) })} ({t('assistant.appointments.number', { number: v.number })})</p>
      <VideoLink appointment={v} />
      <Button kind="secondary" onClick={actions.openAppointments}>{t('assistant.appointments.open')}</Button>
    </div>
  );
}

function Fees({ block, t, actions }: BlockProps<'fees'>) {
  const defaults = t('assistant.fees.defaults', { inPerson: rupees(block.defaults.in_person), online: rupees(block.defaults.online) });
  if (!block.name && !block.speciality) {
    return (
      <div>
        <p>{defaults}</p>
        <Button kind="secondary" onClick={actions.findDoctor}>{t('assistant.findDoctor')}</Button>
      </div>
    );
  }
  if (block.doctors.length === 0) {
    return (
      <div>
        <p>{block.name ? t('assistant.fees.noName', { name: block.name }) : t('assistant.fees.noSpeciality', { speciality: t(`labels.speciality.${block.speciality}`) })}</p>
        <p>{defaults}</p>
        <Button kind="secondary" onClick={actions.findDoctor}>{t('assistant.findDoctor')}</Button>
      </div>
    );
  }
  return (
    <div>
      <h3>{t('assistant.fees.title')}</h3>
      <ul className="answer__list">
        {block.doctors.map((d) => (
          <DoctorItem key={d.id} doctor={d} t={t} actions={actions}>
            {feeLines(t, d).join(' · ')}
          </DoctorItem>
        ))}
      </ul>
    </div>
  );
}

function Bills({ block, t, language, actions }: BlockProps<'bills'>) {
  const dates = useDates(language);
  if (block.bills.length === 0) return <p>{t('assistant.bills.none')}</p>;
  return (
    <div>
      <p>{block.duePaise > 0 ? t('assistant.bills.due', { amount: rupees(block.duePaise) }) : t('assistant.bills.paid')}</p>
      <ul className="answer__list">
        {block.bills.map((b) => (
          <li key={b.id}>
            {t('assistant.bills.item', { number: b.number, date: b.issuedAt ? dates.date(b.issuedAt) : '', total: rupees(b.totalPaise) })}{' '}
            {b.status === 'cancelled' ? t('assistant.bills.cancelled') : b.balancePaise > 0 ? t('assistant.bills.balance', { amount: rupees(b.balancePaise) }) : t('assistant.bills.settled')}
          </li>
        ))}
      </ul>
      {block.more && <p className="muted">{t('assistant.bills.more')}</p>}
      {actions.openBills && <Button kind="secondary" onClick={actions.openBills}>{t('assistant.bills.open')}</Button>}
    </div>
  );
}

function Services({ block, t, actions }: BlockProps<'services'>) {
  if (block.services.length === 0) return <p>{t('assistant.services.none')}</p>;
  return (
    <div>
      <h3>{t('assistant.services.title')}</h3>
      <ul className="answer__list">
        {block.services.map((s) => (
          <li key={s.id}>
            <strong>{s.name}</strong> ({t(`services.kinds.${s.kind}`)}): {rupees(s.pricePaise)}
            <br />
            {s.description}
          </li>
        ))}
      </ul>
      {actions.openServices ? (
        <Button kind="secondary" onClick={actions.openServices}>{t('assistant.services.order')}</Button>
      ) : (
        <p className="muted">{t('assistant.services.orderElsewhere')}</p>
      )}
    </div>
  );
}

function Reply({ block, t, actions }: BlockProps<'reply'>) {
  return (
    <div>
      <p>{t(`assistant.reply.${block.reply}`)}</p>
      {block.reply === 'howto_book' && <Button kind="secondary" onClick={actions.findDoctor}>{t('assistant.findDoctor')}</Button>}
    </div>
  );
}
