import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session';
import { useDates } from '../ui/format';
import { Loading, Notice } from '../ui/Layout';
import { useLoad } from '../ui/useLoad';

/** What happened to an order, oldest first: requested, confirmed for a date, done or cancelled (and why). */
export function OrderHistory({ orderId }: { orderId: number }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const { dateTime, day } = useDates();
  const { data, error } = useLoad(invoke, 'orders.history', { orderId });
  if (error) return <Notice kind="error">{error}</Notice>;
  if (!data) return <Loading />;
  return (
    <ol className="appt-history__list">
      {data.map((h, i) => {
        const detail = h.detail ? (JSON.parse(h.detail) as { date?: string; reason?: string; note?: string }) : {};
        return (
          <li key={i}>
            <span className="appt-history__at">{dateTime(h.at)}</span> {t(`services.history.${h.change}`, { date: detail.date ? day(detail.date) : '' })}
            {h.actorName && <span className="muted"> · {h.actorName}</span>}
            {(detail.reason ?? detail.note) && <div className="muted">{detail.reason ?? detail.note}</div>}
          </li>
        );
      })}
    </ol>
  );
}
