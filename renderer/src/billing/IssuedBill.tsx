import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PAYMENT_METHODS, type BillView, type PaymentMethod } from '../../../shared/contract';
import { ratePercent } from '../../../shared/gst';
import { Dialog } from '../ui/Dialog';
import { useSession } from '../session/session';
import { DataTable } from '../ui/DataTable';
import { SelectField, TextArea, TextField } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { useDates } from '../ui/format';
import { Button, Form, Notice } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';
import { BillTotals } from './BillEditor';
import { DocumentButtons } from './DocumentButtons';
import { rupees, rupeesInput, toPaise } from './labels';

type Changed = (bill: BillView, message: string) => void;

/** An issued (or cancelled) bill: its lines and totals, receipt, payments and balance, and its credit note. */
export function IssuedBill({ bill, onChanged }: { bill: BillView; onChanged: Changed }) {
  const { t } = useTranslation();
  const { dateTime } = useDates();
  const [cancelling, setCancelling] = useState(false);
  return (
    <>
      <DataTable
        caption={t('billing.editor.lines')} rows={bill.lines} rowKey={(l) => `${l.description}|${l.sacCode}|${l.totalPaise}|${bill.lines.indexOf(l)}`} empty="" compact
        columns={[
          { header: t('billing.columns.description'), cell: (l) => l.description },
          { header: t('billing.columns.sac'), cell: (l) => l.sacCode },
          { header: t('billing.columns.quantity'), cell: (l) => l.quantity, className: 'num' },
          { header: t('billing.columns.unitPrice'), cell: (l) => rupees(l.unitPaise), className: 'num nowrap' },
          ...(bill.supply === 'none' ? [] : [{ header: t('billing.columns.gst'), cell: (l: BillView['lines'][number]) => ratePercent(l.rateBp), className: 'num' }]),
          { header: t('billing.columns.amount'), cell: (l) => rupees(l.totalPaise), className: 'num nowrap' },
        ]}
      />
      <BillTotals totals={bill.totals} supply={bill.supply} />
      <DocumentButtons billId={bill.id} label={bill.number ?? ''} creditNote={!!bill.creditNote} />

      <section aria-labelledby="bill-payments">
        <h2 id="bill-payments">{t('billing.payments.title')}</h2>
        <DataTable
          caption={t('billing.payments.title')} rows={bill.payments} rowKey={(p) => p.id} empty={t('billing.payments.none')} compact
          columns={[
            { header: t('billing.columns.date'), cell: (p) => dateTime(p.receivedAt), className: 'nowrap' },
            { header: t('billing.payments.method'), cell: (p) => t(`billing.methods.${p.method}`) },
            { header: t('billing.payments.reference'), cell: (p) => p.reference ?? '' },
            { header: t('billing.payments.by'), cell: (p) => p.receivedBy ?? '' },
            { header: t('billing.columns.amount'), cell: (p) => rupees(p.amountPaise), className: 'num nowrap' },
          ]}
        />
        <dl className="bill-totals">
          <div>
            <dt>{t('billing.payments.paid')}</dt>
            <dd>{rupees(bill.paidPaise)}</dd>
          </div>
          {bill.status === 'issued' && (
            <div className="bill-totals__total">
              <dt>{t('billing.payments.balance')}</dt>
              <dd>{rupees(bill.balancePaise)}</dd>
            </div>
          )}
        </dl>
        {/* A new form after each payment: it offers the balance that is now due. */}
        {bill.canPay && <PaymentForm key={bill.paidPaise} bill={bill} onPaid={onChanged} />}
      </section>

      {bill.creditNote && (
        <Notice kind="info">
          {t('billing.credit.done', {
            number: bill.creditNote.number, when: dateTime(bill.creditNote.issuedAt), reason: bill.creditNote.reason, refund: rupees(bill.creditNote.refundPaise),
          })}
        </Notice>
      )}
      {bill.canCancel && (
        <p>
          <Button kind="danger" onClick={() => setCancelling(true)}>{t('billing.credit.open')}</Button>
        </p>
      )}
      {cancelling && <CreditNoteDialog bill={bill} onClose={() => setCancelling(false)} onDone={(b, m) => { setCancelling(false); onChanged(b, m); }} />}
    </>
  );
}

function PaymentForm({ bill, onPaid }: { bill: BillView; onPaid: Changed }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [amount, setAmount] = useState(rupeesInput(bill.balancePaise));
  const [reference, setReference] = useState('');
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'bills.pay');

  async function pay() {
    const r = await submit({ billId: bill.id, method, amountPaise: toPaise(amount), ...(method === 'cash' ? {} : { reference }) });
    if (!r) return focusFirstInvalid();
    onPaid(r, t(r.balancePaise > 0 ? 'billing.payments.recordedPart' : 'billing.payments.recordedFull', { amount: rupees(toPaise(amount)), balance: rupees(r.balancePaise) }));
  }

  return (
    <Form label={t('billing.payments.formLabel')} onSubmit={() => void pay()}>
      <h3 className="bill-form-title">{t('billing.payments.formLabel')}</h3>
      {error && <Notice kind="error">{error}</Notice>}
      <div className="form__row">
        <SelectField
          label={t('billing.payments.method')} value={method} onChange={(v) => setMethod(v as PaymentMethod)}
          options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`billing.methods.${m}`) }))}
        />
        <TextField label={t('billing.payments.amount')} inputMode="decimal" value={amount} onChange={setAmount} maxLength={16} required error={fieldError('amountPaise')} />
        {method !== 'cash' && (
          <TextField
            label={t(`billing.payments.referenceFor.${method}`)} value={reference} onChange={setReference} maxLength={100} required error={fieldError('reference')}
          />
        )}
      </div>
      <div className="form__actions">
        <Button type="submit" busy={busy}>{t('billing.payments.record')}</Button>
      </div>
    </Form>
  );
}

function CreditNoteDialog({ bill, onClose, onDone }: { bill: BillView; onClose: () => void; onDone: Changed }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const [reason, setReason] = useState('');
  const [refund, setRefund] = useState(rupeesInput(bill.paidPaise));
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [reference, setReference] = useState('');
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'bills.creditNote');
  const refundPaise = toPaise(refund);

  async function issue() {
    const r = await submit({ billId: bill.id, reason, refundPaise, ...(refundPaise > 0 ? { refundMethod: method, refundReference: reference } : {}) });
    if (!r) return focusFirstInvalid();
    onDone(r, t('billing.credit.issued', { number: r.creditNote?.number, bill: bill.number }));
  }

  const title = t('billing.credit.title', { number: bill.number });
  return (
    <Dialog title={title} onClose={onClose}>
      <Form label={title} onSubmit={() => void issue()}>
        <p className="form__note">{t('billing.credit.intro', { amount: rupees(bill.totals.totalPaise) })}</p>
        {error && <Notice kind="error">{error}</Notice>}
        <TextArea label={t('billing.credit.reason')} value={reason} onChange={setReason} rows={3} maxLength={500} required error={fieldError('reason')} />
        <div className="form__row">
          <TextField
            label={t('billing.credit.refund')} hint={t('billing.credit.refundHint', { paid: rupees(bill.paidPaise) })} inputMode="decimal"
            value={refund} onChange={setRefund} maxLength={16} error={fieldError('refundPaise')}
          />
          {refundPaise > 0 && (
            <SelectField
              label={t('billing.credit.method')} value={method} onChange={(v) => setMethod(v as PaymentMethod)} error={fieldError('refundMethod')}
              options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`billing.methods.${m}`) }))}
            />
          )}
          {refundPaise > 0 && method !== 'cash' && (
            <TextField label={t('billing.payments.reference')} value={reference} onChange={setReference} maxLength={100} error={fieldError('refundReference')} />
          )}
        </div>
        <div className="form__actions">
          <Button kind="secondary" onClick={onClose}>{t('billing.credit.keep')}</Button>
          <Button type="submit" kind="danger" busy={busy}>{t('billing.credit.confirm')}</Button>
        </div>
      </Form>
    </Dialog>
  );
}
