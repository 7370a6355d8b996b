import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditAction, AuditEntry, Input } from '../../../shared/contract';
import { useSession } from '../session/session';
import { Button, Empty, Loading, Notice, Page } from '../ui/Layout';
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
  const { dateTime } = useDates();
  const [draft, setDraft] = useState(emptyAuditFilter);
  const [applied, setApplied] = useState<Input<'admin.auditLog'>>({});
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [more, setMore] = useState(false);
  const { submit, busy, error, fieldError } = useSubmit(invoke, 'admin.auditLog');

  async function show(input: Input<'admin.auditLog'>) {
    const r = await submit(input);
    if (!r) return;
    setApplied(input);
    setEntries(r.entries);
    setMore(r.more);
  }

  async function older() {
    const last = entries?.at(-1);
    if (!last) return;
    const r = await submit({ ...applied, beforeId: last.id });
    if (!r) return;
    setEntries([...(entries ?? []), ...r.entries]);
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
      {error && <Notice kind="error">{error}</Notice>}
      <AuditFilters
        value={draft} onChange={setDraft} fieldError={fieldError} busy={busy}
        onApply={() => void show(filterInput(draft))}
        onClear={() => {
          setDraft(emptyAuditFilter);
          void show({});
        }}
      />
      <h2>{t('admin.audit.entries')}</h2>
      {!entries && !error && <Loading />}
      {entries && entries.length === 0 && <Empty>{t('admin.audit.empty')}</Empty>}
      {entries && entries.length > 0 && (
        <table className="table table--compact">
          <caption className="visually-hidden">{t('admin.audit.entries')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.audit.at')}</th>
              <th scope="col">{t('admin.audit.actor')}</th>
              <th scope="col">{t('admin.audit.action')}</th>
              <th scope="col">{t('admin.audit.patient')}</th>
              <th scope="col">{t('admin.audit.detailHeading')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td className="nowrap"><time dateTime={e.at}>{dateTime(e.at)}</time></td>
                <td>{e.actorName ?? <span className="muted">{t('admin.audit.nobody')}</span>}</td>
                <td>{t(`admin.audit.actions.${e.action}`)}</td>
                <td>{e.patientId !== null ? t('admin.audit.patientEntry', { name: e.patientName ?? '—', id: e.patientId }) : ''}</td>
                <td className="audit-detail">{auditDetailText(t, e.detail)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {more && (
        <p className="load-more">
          <Button kind="secondary" onClick={() => void older()} busy={busy}>{t('admin.audit.older')}</Button>
        </p>
      )}
    </Page>
  );
}
