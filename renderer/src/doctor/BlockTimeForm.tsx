import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session';
import { TextField } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { useDates } from '../ui/format';
import { Button, Form, Notice } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';
import { TimeField } from './RangeFields';
import { DateField } from '../ui/DateField';

/** Takes a stretch of one day out of the bookable hours (a meeting, a surgery, leave for the afternoon). */
export function BlockTimeForm({ initialDate, onBlocked, onClose }: {
  initialDate: string;
  onBlocked: (date: string, text: string) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { instantOf, clock, longDay } = useDates();
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const [date, setDate] = useState(initialDate);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'appointments.blockTime');

  useEffect(() => box.current?.querySelector('input')?.focus(), []);

  async function save() {
    const complete = /^\d{4}-\d{2}-\d{2}$/.test(date);
    // Times are the clinic's wall clock on that date; the server takes instants. A time the clock skips that
    // day (a daylight-saving change) has none.
    const start = complete && from ? instantOf(date, from) : '';
    const end = complete && to ? instantOf(date, to) : '';
    const extra: Record<string, string> = {};
    if (!complete) extra.date = 'date_invalid';
    if (!from || start === null) extra.start = 'time_invalid';
    if (!to || end === null) extra.end = 'time_invalid';
    const done = await submit({ start: start ?? '', end: end ?? '', reason: reason.trim() || undefined }, extra);
    if (!done) return focusFirstInvalid();
    await onBlocked(date, t('schedule.block.done', { date: longDay(date), from: clock(from), to: clock(to) }));
  }

  return (
    <div className="sched-panel" ref={box} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <h2 id={`${id}-title`}>{t('schedule.block.title')}</h2>
      <p className="form__note">{t('schedule.block.intro')}</p>
      {error && <Notice kind="error">{error}</Notice>}
      <Form onSubmit={() => void save()} label={t('schedule.block.title')}>
        <div className="form__row">
          <DateField label={t('schedule.block.date')} value={date} onChange={setDate} error={fieldError('date')} required />
          <TimeField id={`${id}-from`} label={t('schedule.block.from')} value={from} onChange={setFrom} error={fieldError('start')} required />
          <TimeField id={`${id}-to`} label={t('schedule.block.to')} value={to} onChange={setTo} error={fieldError('end')} required />
        </div>
        <TextField label={t('schedule.block.reason')} hint={t('schedule.block.reasonHint')} value={reason} onChange={setReason} maxLength={200} error={fieldError('reason')} />
        <div className="form__actions">
          <Button kind="secondary" onClick={onClose}>{t('schedule.block.close')}</Button>
          <Button type="submit" busy={busy}>{t('schedule.block.submit')}</Button>
        </div>
      </Form>
    </div>
  );
}
