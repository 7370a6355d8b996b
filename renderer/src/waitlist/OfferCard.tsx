import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WaitlistEntry } from '../../../shared/contract';
import { useErrorCode } from '../booking/errorCode';
import { ModeChoice } from '../booking/ModeChoice';
import type { Mode } from '../booking/labels';
import { useSession } from '../session/session';
import { useClinic } from '../ui/clinic';
import { useDates } from '../ui/format';
import { Button, Form, Notice } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';

/** A freed time held for someone on the waitlist: taken (booked through the normal booking) or declined. */
export function OfferCard({ entry, onAnswered }: { entry: WaitlistEntry & { offer: NonNullable<WaitlistEntry['offer']> }; onAnswered: (message: string) => Promise<void> }) {
  const { t } = useTranslation();
  const session = useSession();
  const { invoke, lastCode } = useErrorCode(session.invoke);
  const { when, time } = useDates();
  const clinic = useClinic();
  const { offer } = entry;
  const [mode, setMode] = useState<string>(offer.modes.length === 1 ? offer.modes[0]! : '');
  const take = useSubmit(invoke, 'waitlist.take');
  const decline = useSubmit(invoke, 'waitlist.decline');
  const ended = lastCode() === 'CONFLICT';
  const error = take.error ?? decline.error;

  async function accept() {
    const r = await take.submit({ offerId: offer.id, mode: mode as Mode });
    if (r) await onAnswered(t('waitlist.offer.taken', { name: entry.patientName, doctor: entry.doctorName, when: when(r.start), number: r.number }));
  }
  async function refuse() {
    if (await decline.submit({ offerId: offer.id })) await onAnswered(t('waitlist.offer.declined', { when: when(offer.start) }));
  }

  const heading = t('waitlist.offer.heading', { doctor: entry.doctorName, when: when(offer.start) });
  return (
    <article className="card offer" aria-labelledby={`offer-${offer.id}`}>
      <h3 id={`offer-${offer.id}`}>{heading}</h3>
      <p className="offer__held">{t('waitlist.offer.heldUntil', { time: time(offer.expiresAt), name: entry.patientName })}</p>
      {error && <Notice kind="error">{ended ? t('waitlist.offer.ended') : error}</Notice>}
      <Form onSubmit={() => void accept()} label={heading}>
        <ModeChoice modes={offer.modes} value={mode} onChange={setMode} error={take.fieldError('mode')} place={clinic?.address ?? ''} />
        <div className="form__actions form__actions--start">
          <Button type="submit" busy={take.busy}>{t('waitlist.offer.take')}</Button>
          <Button kind="secondary" busy={decline.busy} onClick={() => void refuse()}>{t('waitlist.offer.decline')}</Button>
        </div>
      </Form>
    </article>
  );
}
