import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertView } from '../../../shared/contract';
import { useSession } from '../session/session';
import { TextArea } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { useDates } from '../ui/format';
import { Button, Form, Notice } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';
import { readingValue, ruleText } from './words';

/** One alert: the rule, the readings behind it; open ones are acknowledged with a note, handled ones show it. */
export function AlertItem({ alert, onPatient, onHandled }: { alert: AlertView; onPatient?: () => void; onHandled: () => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { dateTime } = useDates();
  const [note, setNote] = useState('');
  const ack = useSubmit(invoke, 'monitoring.acknowledge');
  const label = t('monitoring.alerts.about', { patient: alert.patientName, rule: ruleText(t, alert) });

  async function acknowledge() {
    if (await ack.submit({ alertId: alert.id, note })) onHandled();
    else focusFirstInvalid();
  }

  return (
    <li className={`alert-item${alert.acknowledgedAt ? '' : ' alert-item--open'}`} aria-label={label}>
      <p className="alert-item__head">
        {onPatient ? <Button kind="link" onClick={onPatient}>{alert.patientName}</Button> : <strong>{alert.patientName}</strong>}
        {' · '}<strong>{ruleText(t, alert)}</strong>{' · '}{t(`monitoring.measures.${alert.measure}`)}
        <span className="muted"> · {t('monitoring.alerts.raised', { when: dateTime(alert.raisedAt) })}</span>
      </p>
      {alert.readings.length > 0 && (
        <ul className="alert-item__readings">
          {alert.readings.map((r) => (
            <li key={r.id}>{dateTime(r.takenAt)}: <strong>{readingValue(t, r)}</strong>{r.note ? ` · ${r.note}` : ''}</li>
          ))}
        </ul>
      )}
      {alert.acknowledgedAt ? (
        <p className="alert-item__note">{t('monitoring.alerts.handledBy', { doctor: alert.acknowledgedBy ?? '', when: dateTime(alert.acknowledgedAt) })}: {alert.note}</p>
      ) : (
        <Form onSubmit={() => void acknowledge()} label={t('monitoring.alerts.acknowledge')}>
          {ack.error && <Notice kind="error">{ack.error}</Notice>}
          <TextArea label={t('monitoring.alerts.note')} value={note} onChange={setNote} rows={2} maxLength={1000} required error={ack.fieldError('note')} />
          <div className="form__actions">
            <Button type="submit" busy={ack.busy}>{t('monitoring.alerts.acknowledge')}</Button>
          </div>
        </Form>
      )}
    </li>
  );
}
