import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORDER_STATUSES, type ServiceOrderView } from '../../../shared/contract';
import { rupees } from '../billing/labels';
import { useOpenBill } from '../billing/openBill';
import { Dialog } from '../ui/Dialog';
import { useSession } from '../session/session';
import { DataTable } from '../ui/DataTable';
import { errorText } from '../ui/errors';
import { SelectField, TextArea, TextField } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { useDates } from '../ui/format';
import { Button, Form, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { useSubmit } from '../ui/useSubmit';
import { OrderHistory } from './OrderHistory';

type Status = (typeof ORDER_STATUSES)[number];
type Panel = { kind: 'confirm' | 'cancel' | 'history'; order: ServiceOrderView } | null;

export function OrderStatus({ status }: { status: Status }) {
  const { t } = useTranslation();
  return <span className={`badge order-status order-status--${status}`}>{t(`services.status.${status}`)}</span>;
}

/** The front desk's list of health-service orders: confirm with a date, mark done, cancel with a reason, bill. */
export function ServiceOrders() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { date, day } = useDates();
  const openBill = useOpenBill();
  const [status, setStatus] = useState<Status | ''>('');
  const list = useLoad(invoke, 'orders.list', status ? { status } : {});
  const [panel, setPanel] = useState<Panel>(null);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  async function done(message: string) {
    setPanel(null);
    setNotice({ kind: 'success', text: message });
    await list.reload();
  }
  async function markDone(o: ServiceOrderView) {
    setNotice(null);
    const r = await invoke('orders.done', { orderId: o.id });
    if (!r.ok) return setNotice({ kind: 'error', text: errorText(t, r.error) });
    await done(t('services.desk.markedDone', { service: o.serviceName, name: o.patientName }));
  }

  const who = (o: ServiceOrderView) => <span className="visually-hidden"> {t('services.desk.which', { service: o.serviceName, name: o.patientName })}</span>;
  return (
    <Page title={t('services.desk.title')} actions={<Button kind="secondary" onClick={() => void list.reload()}>{t('services.desk.refresh')}</Button>}>
      <p className="lead">{t('services.desk.intro')}</p>
      <Notice kind="info">{t('services.desk.audited')}</Notice>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      <div className="mail-filter">
        <SelectField
          label={t('services.desk.filter')} value={status} onChange={(v) => setStatus(v as Status | '')}
          options={[{ value: '', label: t('services.desk.open') }, ...ORDER_STATUSES.map((s) => ({ value: s, label: t(`services.status.${s}`) }))]}
        />
      </div>
      <DataTable
        caption={t('services.desk.caption')} rows={list.data} error={list.error} rowKey={(o) => o.id} compact
        empty={status ? t('services.desk.emptyFiltered') : t('services.desk.empty')}
        columns={[
          { header: t('services.columns.ordered'), cell: (o) => date(o.createdAt), className: 'nowrap' },
          { header: t('services.columns.patient'), cell: (o) => <>{o.patientName}<div className="muted">{t('billing.patientNumber', { id: o.patientId })}</div></> },
          { header: t('services.columns.service'), cell: (o) => <>{o.serviceName}{o.note && <div className="muted">{o.note}</div>}</> },
          { header: t('services.columns.price'), cell: (o) => rupees(o.pricePaise), className: 'num nowrap' },
          { header: t('services.columns.status'), cell: (o) => <><OrderStatus status={o.status} />{o.scheduledDate && <div className="muted">{day(o.scheduledDate)}</div>}</> },
          {
            header: <span className="visually-hidden">{t('services.columns.actions')}</span>,
            cell: (o) => (
              <div className="order-actions">
                {(o.status === 'requested' || o.status === 'confirmed') && (
                  <>
                    <button type="button" className="btn btn--secondary" onClick={() => setPanel({ kind: 'confirm', order: o })}>
                      {t(o.status === 'requested' ? 'services.desk.confirm' : 'services.desk.changeDate')}{who(o)}
                    </button>
                    <button type="button" className="btn btn--secondary" onClick={() => void markDone(o)}>{t('services.desk.done')}{who(o)}</button>
                    <button type="button" className="btn btn--secondary" onClick={() => setPanel({ kind: 'cancel', order: o })}>{t('services.desk.cancel')}{who(o)}</button>
                  </>
                )}
                {o.status === 'done' && openBill && (
                  <button type="button" className="btn btn--secondary" onClick={() => openBill(o.billId ? { billId: o.billId } : { serviceOrderId: o.id })}>
                    {t(o.billId ? 'services.desk.openBill' : 'services.desk.bill')}{who(o)}
                  </button>
                )}
                <button type="button" className="btn btn--link" onClick={() => setPanel({ kind: 'history', order: o })}>{t('services.desk.history')}{who(o)}</button>
              </div>
            ),
          },
        ]}
      />
      {panel?.kind === 'confirm' && <ConfirmDialog order={panel.order} onClose={() => setPanel(null)} onDone={(m) => void done(m)} />}
      {panel?.kind === 'cancel' && <CancelDialog order={panel.order} onClose={() => setPanel(null)} onDone={(m) => void done(m)} />}
      {panel?.kind === 'history' && (
        <Dialog title={t('services.desk.historyTitle', { service: panel.order.serviceName, name: panel.order.patientName })} onClose={() => setPanel(null)}>
          <OrderHistory orderId={panel.order.id} />
          <div className="form__actions">
            <Button kind="secondary" onClick={() => setPanel(null)}>{t('services.desk.close')}</Button>
          </div>
        </Dialog>
      )}
    </Page>
  );
}

function ConfirmDialog({ order, onClose, onDone }: { order: ServiceOrderView; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { today, longDay } = useDates();
  const [date, setDate] = useState(order.scheduledDate ?? today());
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'orders.confirm');
  const title = t('services.desk.confirmTitle', { service: order.serviceName, name: order.patientName });
  async function confirm() {
    if (!(await submit({ orderId: order.id, date }))) return focusFirstInvalid();
    onDone(t('services.desk.confirmed', { service: order.serviceName, name: order.patientName, date: longDay(date) }));
  }
  return (
    <Dialog title={title} onClose={onClose}>
      <Form label={title} onSubmit={() => void confirm()}>
        {error && <Notice kind="error">{error}</Notice>}
        {order.note && <p className="form__note">{t('services.desk.patientNote', { note: order.note })}</p>}
        <TextField label={t('services.desk.date')} type="date" value={date} onChange={setDate} required error={fieldError('date')} />
        <div className="form__actions">
          <Button kind="secondary" onClick={onClose}>{t('services.desk.close')}</Button>
          <Button type="submit" busy={busy}>{t('services.desk.confirmSubmit')}</Button>
        </div>
      </Form>
    </Dialog>
  );
}

export function CancelDialog({ order, onClose, onDone }: { order: ServiceOrderView; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const [reason, setReason] = useState('');
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'orders.cancel');
  const title = t('services.cancelTitle', { service: order.serviceName });
  async function cancel() {
    if (!(await submit({ orderId: order.id, reason }))) return focusFirstInvalid();
    onDone(t('services.cancelled', { service: order.serviceName }));
  }
  return (
    <Dialog title={title} onClose={onClose}>
      <Form label={title} onSubmit={() => void cancel()}>
        {error && <Notice kind="error">{error}</Notice>}
        <TextArea label={t('services.cancelReason')} value={reason} onChange={setReason} rows={3} maxLength={500} required error={fieldError('reason')} />
        <div className="form__actions">
          <Button kind="secondary" onClick={onClose}>{t('services.keep')}</Button>
          <Button type="submit" kind="danger" busy={busy}>{t('services.cancelConfirm')}</Button>
        </div>
      </Form>
    </Dialog>
  );
}
