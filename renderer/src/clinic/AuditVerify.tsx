import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/contract';
import { useSession } from '../session/session';
import { errorText } from '../ui/errors';
import { Button, Notice } from '../ui/Layout';

/** Checks the log's hash chain and says whether any entry was changed or removed. */
export function AuditVerify() {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<Output<'admin.verifyAudit'> | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function verify() {
    setBusy(true);
    setReport(null);
    setError(null);
    const r = await invoke('admin.verifyAudit', {});
    setBusy(false);
    if (r.ok) setReport(r.data);
    else setError(errorText(t, r.error));
  }

  return (
    <section className="audit-verify" aria-labelledby="audit-verify">
      <div className="audit-verify__row">
        <div>
          <h2 id="audit-verify">{t('admin.audit.verifyTitle')}</h2>
          <p>{t('admin.audit.verifyIntro')}</p>
        </div>
        <Button kind="secondary" onClick={verify} busy={busy}>{t('admin.audit.verify')}</Button>
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      {report?.intact && report.unanchored === 0 && <Notice kind="success">{t('admin.audit.intact', { count: report.rows })}</Notice>}
      {report?.intact && report.unanchored > 0 && (
        <Notice kind="info">{t('admin.audit.intactUpTo', { id: report.anchoredUpTo, count: report.unanchored })}</Notice>
      )}
      {report && !report.intact && (
        <Notice kind="error">
          <p>{t('admin.audit.broken', { count: report.problems.length })}</p>
          <ul>
            {report.problems.map((p, i) => (
              <li key={i}>{t(`admin.audit.problems.${p.problem}`, { id: p.id ?? '—' })}</li>
            ))}
          </ul>
        </Notice>
      )}
    </section>
  );
}
