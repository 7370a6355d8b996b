import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HealthService, ServiceOrderView } from '../../../shared/contract';
import { rupees } from '../billing/labels';
import { Dialog } from '../ui/Dialog';
import { useSession } from '../session/session';
import { TextArea } from '../ui/Field';
import { focusFirstInvalid } from '../ui/focusFirstInvalid';
import { useDates } from '../ui/format';
import { Button, Empty, Form, Loading, Notice, Page } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';
import { useSubmit } from '../ui/useSubmit';
import { OrderHistory } from './OrderHistory';
import { CancelDialog, OrderStatus } from './ServiceOrders';

/** The clinic's health services a patient can order, and the patient's orders with what became of them. */
export function HealthServices() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const catalogue = useLoad(invoke, 'healthServices.catalogue', {});
  const orders = useLoad(invoke, 'orders.mine', {});
  const [ordering, setOrdering] = useState<HealthService | null>(null);
  const [cancelling, setCancelling] = useState<ServiceOrderView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function changed(message: string) {
    setOrdering(null);
    setCancelling(null);
    setNotice(message);
    await orders.reload();
    requestAnimationFrame(() => document.getElementById('my-orders')?.focus());
  }

  return (
    <Page title={t('services.patient.title')}>
      <p className="lead">{t('services.patient.intro')}</p>
      {notice && <Notice kind="success">{notice}</Notice>}
      <section aria-labelledby="my-orders">
        <h2 id="my-orders" tabIndex={-1}>{t('services.patient.mine')}</h2>
        {orders.error && <Notice kind="error">{orders.error}</Notice>}
        {!orders.data && !orders.error && <Loading />}
        {orders.data?.length === 0 && <p className="muted">{t('services.patient.noOrders')}</p>}
        {orders.data && orders.data.length > 0 && (
          <ul className="appointment-list">
            {orders.data.map((o) => (
              <li key={o.id}>
                <OrderCard order={o} onCancel={() => setCancelling(o)} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="service-catalogue">
        <h2 id="service-catalogue">{t('services.patient.catalogue')}</h2>
        {catalogue.error && <Notice kind="error">{catalogue.error}</Notice>}
        {!catalogue.data && !catalogue.error && <Loading />}
        {catalogue.data?.length === 0 && <Empty>{t('services.patient.none')}</Empty>}
        <ul className="doctor-list">
          {catalogue.data?.map((s) => (
            <li key={s.id}>
              <article className="card service-card" aria-labelledby={`service-${s.id}`}>
                <h3 id={`service-${s.id}`}>{s.name}</h3>
                <p className="muted">{t(`services.kinds.${s.kind}`)}</p>
                <p>{s.description}</p>
                <p className="service-card__price">{rupees(s.pricePaise)}</p>
                <Button onClick={() => setOrdering(s)}>
                  {t('services.patient.order')}<span className="visually-hidden"> {s.name}</span>
                </Button>
              </article>
            </li>
          ))}
        </ul>
      </section>
      {ordering && <OrderDialog service={ordering} onClose={() => setOrdering(null)} onDone={(m) => void changed(m)} />}
      {cancelling && <CancelDialog order={cancelling} onClose={() => setCancelling(null)} onDone={(m) => void changed(m)} />}
    </Page>
  );
}

function OrderCard({ order: o, onCancel }: { order: ServiceOrderView; onCancel: () => void }) {
  const { t } = useTranslation();
  const { date, longDay } = useDates();
  return (
    <article className="card" aria-labelledby={`order-${o.id}`}>
      <div className="card__header">
        <h3 id={`order-${o.id}`}>{o.serviceName}</h3>
        <OrderStatus status={o.status} />
      </div>
      <dl className="details">
        <dt>{t('services.patient.orderNumber')}</dt>
        <dd>{o.id}</dd>
        <dt>{t('services.patient.ordered')}</dt>
        <dd>{date(o.createdAt)}</dd>
        <dt>{t('services.columns.price')}</dt>
        <dd>{rupees(o.pricePaise)}</dd>
        {o.scheduledDate && (
          <>
            <dt>{t('services.patient.when')}</dt>
            <dd>{longDay(o.scheduledDate)}</dd>
          </>
        )}
        {o.cancelReason && (
          <>
            <dt>{t('services.patient.cancelReason')}</dt>
            <dd>{o.cancelReason}</dd>
          </>
        )}
      </dl>
      <p className="form__note order-next">{t(`services.patient.next.${o.status}`)}</p>
      <details className="appt-history">
        <summary>{t('services.patient.history')}</summary>
        <OrderHistory orderId={o.id} />
      </details>
      {(o.status === 'requested' || o.status === 'confirmed') && (
        <div className="card__actions">
          <Button kind="secondary" onClick={onCancel}>
            {t('services.patient.cancel')}<span className="visually-hidden"> {o.serviceName}</span>
          </Button>
        </div>
      )}
    </article>
  );
}

function OrderDialog({ service, onClose, onDone }: { service: HealthService; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const [note, setNote] = useState('');
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'orders.place');
  const title = t('services.patient.orderTitle', { name: service.name });
  async function place() {
    const r = await submit({ serviceId: service.id, note: note.trim() || undefined });
    if (!r) return focusFirstInvalid();
    onDone(t('services.patient.placed', { name: service.name, number: r.id }));
  }
  return (
    <Dialog title={title} onClose={onClose}>
      <Form label={title} onSubmit={() => void place()}>
        <p>{t('services.patient.orderIntro', { price: rupees(service.pricePaise) })}</p>
        {error && <Notice kind="error">{error}</Notice>}
        <TextArea label={t('services.patient.note')} hint={t('services.patient.noteHint')} value={note} onChange={setNote} rows={3} maxLength={500} error={fieldError('note')} />
        <div className="form__actions">
          <Button kind="secondary" onClick={onClose}>{t('services.patient.back')}</Button>
          <Button type="submit" busy={busy}>{t('services.patient.place')}</Button>
        </div>
      </Form>
    </Dialog>
  );
}
