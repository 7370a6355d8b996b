import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditAction, AuditEntry, Input } from '../../../shared/contract';
import { useSession } from '../session/session';
import { DataTable } from '../ui/DataTable';
import { Notice, Page } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';
import { AuditFilters, emptyAuditFilter, type AuditFilterDraft } from './AuditFilters';
import { auditDetailText } from './auditDetail';
import { AuditVerify } from './AuditVerify';
import { useDates } from '../ui/format';

const patientNumber = (s: string) => (s.trim() === '' ? undefined : /^\d+$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);

function filterInput(d: AuditFilterDraft): Input<'admin.auditLog'> {
  return {
    action: d.action ? (d.action as AuditAction) : undefined,
    actorEmail: d.actorEmail.trim() || undefined,
    patientId: patientNumber(d.patientId),
    from: d.from || undefined,
    to: d.to || undefined,
  };
}

/** The audit trail, newest first, a page at a time; filtered by action, person, patient and dates. */
export function AuditLog() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const dates = useDates();
  const { dateTime } = dates;
  const [draft, setDraft] = useState(emptyAuditFilter);
  const [applied, setApplied] = useState<Input<'admin.auditLog'>>({});
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [more, setMore] = useState(false);
  const [refs, setRefs] = useState<Record<string, string>>({});
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'admin.auditLog');

  async function show(input: Input<'admin.auditLog'>) {
    const r = await submit(input);
    if (!r) return;
    setApplied(input);
    setEntries(r.entries);
    setRefs(r.refs);
    setMore(r.more);
  }

  async function older() {
    const last = entries?.at(-1);
    if (!last) return;
    const r = await submit({ ...applied, beforeId: last.id });
    if (!r) return;
    setEntries([...(entries ?? []), ...r.entries]);
    setRefs({ ...refs, ...r.refs });
    setMore(r.more);
  }

  useEffect(() => {
    void show({});
    // The newest entries, once, when the screen opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <Page title={t('admin.audit.title')}>
      <p>{t('admin.audit.intro')}</p>
      <AuditVerify />
      <h2>{t('admin.audit.filters')}</h2>
      {/* A refused filter is told above the filters; a first load that failed, in the table's place. */}
      {error && entries && <Notice kind="error">{error}</Notice>}
      <AuditFilters
        value={draft} onChange={setDraft} fieldError={fieldError} busy={busy}
        onApply={() => void show(filterInput(draft))}
        onClear={() => {
          setDraft(emptyAuditFilter);
          void show({});
        }}
      />
      <h2>{t('admin.audit.entries')}</h2>
      <DataTable
        caption={t('admin.audit.entries')} rows={entries} error={entries ? null : error} empty={t('admin.audit.empty')} rowKey={(e) => e.id} compact
        more={more ? { label: t('admin.audit.older'), onClick: () => void older(), busy } : null}
        columns={[
          { header: t('admin.audit.at'), cell: (e) => <time dateTime={e.at}>{dateTime(e.at)}</time>, className: 'nowrap' },
          { header: t('admin.audit.actor'), cell: (e) => e.actorName ?? <span className="muted">{t('admin.audit.nobody')}</span> },
          { header: t('admin.audit.action'), cell: (e) => t(`admin.audit.actions.${e.action}`) },
          {
            header: t('admin.audit.patient'),
            cell: (e) => (e.patientId !== null ? t('admin.audit.patientEntry', { name: e.patientName ?? '—', id: e.patientId }) : ''),
          },
          { header: t('admin.audit.detailHeading'), cell: (e) => auditDetailText(t, e.detail, refs, dates), className: 'audit-detail' },
        ]}
      />
    </Page>
  );
}
