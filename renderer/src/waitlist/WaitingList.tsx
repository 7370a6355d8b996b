import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WaitlistEntry } from '../../../shared/contract';
import { useSession } from '../session/session';
import { DataTable, type Column } from '../ui/DataTable';
import { errorText } from '../ui/errors';
import { formatList, useDates } from '../ui/format';
import { Notice } from '../ui/Layout';

/**
 * Places on waitlists, first in line first: for a patient their own and their family's (by doctor), for the front
 * desk one doctor's whole list (by patient, with their contact). Each can be left; a time held shows until when.
 */
export function WaitingList({ entries, onLeft, byPatient }: { entries: WaitlistEntry[]; onLeft: (message: string) => Promise<void>; byPatient?: boolean }) {
  const { t, i18n } = useTranslation();
  const { invoke } = useSession();
  const { daySpan, when, date } = useDates();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  async function leave(e: WaitlistEntry) {
    setError(null);
    setBusy(e.id);
    const r = await invoke('waitlist.leave', { entryId: e.id });
    setBusy(null);
    if (!r.ok) return setError(errorText(t, r.error));
    await onLeft(t('waitlist.left', { name: e.patientName, doctor: e.doctorName }));
  }

  const columns: Column<WaitlistEntry>[] = [
    ...(byPatient
      ? [
          { header: t('waitlist.list.position'), cell: (e: WaitlistEntry) => entries.indexOf(e) + 1 },
          {
            header: t('waitlist.list.patient'),
            cell: (e: WaitlistEntry) => (
              <>
                {e.patientName}
                <span className="muted waitlist-contact">{e.contactName ? t('board.contact', { name: e.contactName, phone: e.phone }) : e.phone}</span>
              </>
            ),
          },
        ]
      : [{ header: t('waitlist.list.doctor'), cell: (e: WaitlistEntry) => e.doctorName }, { header: t('waitlist.list.patient'), cell: (e: WaitlistEntry) => e.patientName }]),
    { header: t('waitlist.list.days'), cell: (e) => daySpan(e.fromDate, e.toDate), className: 'nowrap' },
    { header: t('waitlist.list.parts'), cell: (e) => formatList(e.dayParts.map((p) => t(`waitlist.parts.${p}`)), i18n.language) },
    {
      header: t('waitlist.list.state'),
      cell: (e) => (e.offer ? t('waitlist.list.held', { when: when(e.offer.start), until: when(e.offer.expiresAt) }) : t('waitlist.list.waitingSince', { date: date(e.joinedAt) })),
    },
    {
      header: <span className="visually-hidden">{t('waitlist.list.actions')}</span>,
      className: 'sched-table__action',
      cell: (e) => (
        <button type="button" className="btn btn--secondary" disabled={busy === e.id} onClick={() => void leave(e)}>
          {t('waitlist.leave')}<span className="visually-hidden"> {t('waitlist.leaveFor', { name: e.patientName, doctor: e.doctorName })}</span>
        </button>
      ),
    },
  ];
  return (
    <>
      {error && <Notice kind="error">{error}</Notice>}
      <DataTable caption={t('waitlist.list.caption')} columns={columns} rows={entries} rowKey={(e) => e.id} empty={t('waitlist.list.empty')} />
    </>
  );
}
