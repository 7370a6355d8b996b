import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileContent } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import { useClinic } from '../ui/clinic';
import { errorText } from '../ui/errors';
import { saveCopy } from '../ui/files';
import { useDates } from '../ui/format';
import { Button, Notice } from '../ui/Layout';

/**
 * A page meant for paper: the clinic's name and contact at its head, then what is printed. On screen it is shown as
 * a sheet with Print and Back above it; on paper (styles.css, @media print) only the sheet goes out, on A4, without
 * the window around it. Print opens the system's print dialog (Electron's in the desktop app); Save as PDF asks
 * the core for the same sheet made by the clinic's PDF module (`pdf`) and saves it where downloads go.
 */
export function PrintSheet({ title, subtitle, pdf, onBack, children }: {
  title: string;
  subtitle?: string;
  pdf: () => Promise<Result<FileContent>>;
  onBack: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const clinic = useClinic();
  const { dateTime } = useDates();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function savePdf() {
    setError(null);
    setSaving(true);
    const r = await pdf();
    setSaving(false);
    if (r.ok) saveCopy(r.data);
    else setError(errorText(t, r.error));
  }

  useEffect(() => {
    document.getElementById('page-title')?.focus();
  }, []);

  return (
    <section className="print-page" aria-labelledby="page-title">
      <div className="print-tools no-print">
        <p>{t('print.howItPrints')}</p>
        <div className="print-tools__actions">
          <Button onClick={() => window.print()}>{t('print.print')}</Button>
          <Button kind="secondary" busy={saving} onClick={() => void savePdf()}>{t('print.savePdf')}</Button>
          <Button kind="secondary" onClick={onBack}>{t('print.back')}</Button>
        </div>
        {error && <Notice kind="error">{error}</Notice>}
      </div>
      <article className="print-sheet">
        <header className="print-sheet__head">
          {clinic && (
            <div className="print-sheet__clinic">
              <p className="print-sheet__clinic-name">{clinic.name}</p>
              <p>{clinic.address}</p>
              {(clinic.phone || clinic.email) && (
                <p>{[clinic.phone && t('app.contactPhone', { phone: clinic.phone }), clinic.email && t('app.contactEmail', { email: clinic.email })].filter(Boolean).join(' · ')}</p>
              )}
            </div>
          )}
          <div className="print-sheet__title">
            <h1 id="page-title" tabIndex={-1}>{title}</h1>
            {subtitle && <p>{subtitle}</p>}
          </div>
        </header>
        {children}
        <footer className="print-sheet__foot">{t('print.printedAt', { when: dateTime(new Date().toISOString()) })}</footer>
      </article>
    </section>
  );
}
