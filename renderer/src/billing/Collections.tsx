import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session';
import { DataTable } from '../ui/DataTable';
import { TextField } from '../ui/Field';
import { addDays, useDates } from '../ui/format';
import { Button, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { rupees } from './labels';

/** What the front desk took on a day, by method (cash, card, UPI), with the refunds paid out that day. */
export function Collections() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { today, longDay } = useDates();
  const [date, setDate] = useState(today);
  const { data, error, reload } = useLoad(invoke, 'bills.collections', { date });
  const shown = data?.date === date ? data : null;
  return (
    <Page title={t('billing.collections.title')} actions={<Button kind="secondary" onClick={() => void reload()}>{t('billing.collections.refresh')}</Button>}>
      <div className="desk-daypicker">
        <Button kind="secondary" onClick={() => setDate(addDays(date, -1))}>{t('board.previousDay')}</Button>
        <TextField label={t('board.date')} type="date" value={date} onChange={(v) => v && setDate(v)} required />
        <Button kind="secondary" onClick={() => setDate(addDays(date, 1))}>{t('board.nextDay')}</Button>
        {date !== today() && <Button kind="secondary" onClick={() => setDate(today())}>{t('board.today')}</Button>}
      </div>
      <p className="desk-day" aria-live="polite">{longDay(date)}</p>
      <DataTable
        caption={t('billing.collections.caption', { day: longDay(date) })} rows={shown?.methods ?? (error ? [] : null)} error={error} rowKey={(m) => m.method} empty=""
        columns={[
          { header: t('billing.payments.method'), cell: (m) => t(`billing.methods.${m.method}`) },
          { header: t('billing.collections.count'), cell: (m) => m.payments, className: 'num' },
          { header: t('billing.collections.received'), cell: (m) => rupees(m.receivedPaise), className: 'num nowrap' },
          { header: t('billing.collections.refunded'), cell: (m) => rupees(m.refundedPaise), className: 'num nowrap' },
          { header: t('billing.collections.net'), cell: (m) => rupees(m.receivedPaise - m.refundedPaise), className: 'num nowrap' },
        ]}
      />
      {shown && (
        <dl className="bill-totals">
          <div>
            <dt>{t('billing.collections.received')}</dt>
            <dd>{rupees(shown.receivedPaise)}</dd>
          </div>
          <div>
            <dt>{t('billing.collections.refunded')}</dt>
            <dd>{rupees(shown.refundedPaise)}</dd>
          </div>
          <div className="bill-totals__total">
            <dt>{t('billing.collections.net')}</dt>
            <dd>{rupees(shown.receivedPaise - shown.refundedPaise)}</dd>
          </div>
        </dl>
      )}
    </Page>
  );
}
