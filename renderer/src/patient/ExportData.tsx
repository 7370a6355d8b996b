import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session';
import { download, fromBase64 } from '../ui/files';
import { Button, Notice } from '../ui/Layout';
import { useSubmit } from '../ui/useSubmit';

/** Asks for the patient's export and saves the ZIP as the app saves receipts and records. */
function useExport(patientId: number) {
  const { invoke } = useSession();
  const { submit, busy, error } = useSubmit(invoke, 'export.patient');
  const [saved, setSaved] = useState<string | null>(null);
  async function run() {
    setSaved(null);
    const zip = await submit({ patientId });
    if (!zip) return;
    download(new Blob([fromBase64(zip.base64)], { type: zip.mime }), zip.fileName);
    setSaved(zip.fileName);
  }
  return { run, busy, error, saved };
}

/**
 * Everything MedLink holds about a patient as one ZIP: on the patient's own profile, and on the front desk's view
 * of a patient (who hands it over when asked; the export is in the audit log).
 */
export function ExportData({ patientId, forDesk = false }: { patientId: number; forDesk?: boolean }) {
  const { t } = useTranslation();
  const { run, busy, error, saved } = useExport(patientId);
  return (
    <section className="card profile-section" aria-labelledby="export-title">
      <header className="card__header">
        <h2 id="export-title">{t(forDesk ? 'export.titleDesk' : 'export.title')}</h2>
      </header>
      <p className="form__note">{t(forDesk ? 'export.introDesk' : 'export.intro')}</p>
      {error && <Notice kind="error">{error}</Notice>}
      {saved && <Notice kind="success">{t('export.saved', { file: saved })}</Notice>}
      <div className="card__actions">
        <Button kind="secondary" busy={busy} onClick={() => void run()}>{t(forDesk ? 'export.buttonDesk' : 'export.button')}</Button>
      </div>
    </section>
  );
}

/** The same for a family member, beside their other actions; what happened shows below the row. */
export function ExportMember({ patientId, name }: { patientId: number; name: string }) {
  const { t } = useTranslation();
  const { run, busy, error, saved } = useExport(patientId);
  return (
    <>
      <Button kind="secondary" busy={busy} onClick={() => void run()}>
        {t('export.member')}<span className="visually-hidden"> {name}</span>
      </Button>
      {(error || saved) && (
        <div className="family-member__export">
          {error && <Notice kind="error">{error}</Notice>}
          {saved && <Notice kind="success">{t('export.saved', { file: saved })}</Notice>}
        </div>
      )}
    </>
  );
}
