import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BillView } from '../../../shared/contract';
import { ratePercent, type BillTotals as Totals } from '../../../shared/gst';
import { useSession } from '../session/session';
import { errorText } from '../ui/errors';
import { useDates } from '../ui/format';
import { Button, Loading, Notice, Page } from '../ui/Layout';
import { BillBadge } from './BillBadge';
import { DraftForm } from './DraftForm';
import { IssuedBill } from './IssuedBill';
import { billFor, rupees } from './labels';
import type { BillTarget } from './openBill';

/** One bill: a draft to edit and issue, or an issued bill with its payments, receipt and credit note. */
export function BillEditor({ target, onBack }: { target: BillTarget; onBack: () => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const [bill, setBill] = useState<BillView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = 'billId' in target ? await invoke('bills.get', { billId: target.billId }) : await invoke('bills.open', target);
    if (r.ok) setBill(r.data);
    else setError(errorText(t, r.error));
  }, [invoke, target, t]);
  useEffect(() => {
    void load();
  }, [load]);

  /** A change was saved: show the bill as it now is, and say what happened. */
  const changed = (next: BillView, message: string) => {
    setBill(next);
    setNotice(message);
    requestAnimationFrame(() => document.getElementById('page-title')?.focus());
  };

  const title = bill?.number ? t('billing.editor.titleIssued', { number: bill.number }) : t('billing.editor.titleDraft');
  return (
    <Page title={title} actions={<Button kind="secondary" onClick={onBack}>{t('billing.editor.back')}</Button>}>
      {error && <Notice kind="error">{error}</Notice>}
      {!bill && !error && <Loading />}
      {notice && <Notice kind="success">{notice}</Notice>}
      {bill && (
        <>
          <BillHeader bill={bill} />
          {bill.canEdit ? (
            <DraftForm bill={bill} onSaved={changed} />
          ) : (
            <IssuedBill bill={bill} onChanged={changed} />
          )}
        </>
      )}
    </Page>
  );
}

function BillHeader({ bill }: { bill: BillView }) {
  const { t } = useTranslation();
  const { dateTime, day } = useDates();
  const v = bill.visit;
  return (
    <section className="card bill-head" aria-label={t('billing.editor.about')}>
      <dl className="details">
        <dt>{t('billing.editor.patient')}</dt>
        <dd>
          {bill.patient.name} <span className="muted">· {t('billing.patientNumber', { id: bill.patient.id })}</span>
        </dd>
        {bill.doctor && (
          <>
            <dt>{t('billing.editor.doctor')}</dt>
            <dd>{bill.doctor.name}</dd>
          </>
        )}
        <dt>{t('billing.editor.for')}</dt>
        <dd>
          {billFor(t, v)}
          {v.kind === 'appointment' ? ` · ${dateTime(v.start)} · ${t(`booking.mode.${v.mode}`)}` : v.date ? ` · ${day(v.date)}` : ''}
        </dd>
        <dt>{t('billing.editor.supply')}</dt>
        <dd>
          {t(`billing.supply.${bill.supply}`)} <span className="muted">· {t('billing.editor.placeOfSupply', { place: bill.placeOfSupply })}</span>
        </dd>
        {bill.issuedAt && (
          <>
            <dt>{t('billing.editor.issued')}</dt>
            <dd>
              {dateTime(bill.issuedAt)} <BillBadge bill={bill} />
            </dd>
          </>
        )}
        {bill.replaces && (
          <>
            <dt>{t('billing.editor.replaces')}</dt>
            <dd>{bill.replaces}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

/** Subtotal, the tax by rate (CGST and SGST, or IGST), the total; for a draft, as the server will work it out. */
export function BillTotals({ totals, supply }: { totals: Totals; supply: BillView['supply'] }) {
  const { t } = useTranslation();
  const rows: [string, number][] = [[t(supply === 'none' ? 'billing.totals.subtotal' : 'billing.totals.taxable'), totals.taxablePaise]];
  for (const r of totals.byRate) {
    if (supply === 'intra') {
      rows.push([t('billing.totals.cgst', { rate: ratePercent(r.rateBp / 2) }), r.cgstPaise], [t('billing.totals.sgst', { rate: ratePercent(r.rateBp / 2) }), r.sgstPaise]);
    }
    if (supply === 'inter') rows.push([t('billing.totals.igst', { rate: ratePercent(r.rateBp) }), r.igstPaise]);
  }
  return (
    <dl className="bill-totals">
      {rows.map(([label, paise], i) => (
        <div key={i}>
          <dt>{label}</dt>
          <dd>{rupees(paise)}</dd>
        </div>
      ))}
      <div className="bill-totals__total">
        <dt>{t('billing.totals.total')}</dt>
        <dd>{rupees(totals.totalPaise)}</dd>
      </div>
    </dl>
  );
}
