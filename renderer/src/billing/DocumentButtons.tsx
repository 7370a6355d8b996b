import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session';
import { errorText } from '../ui/errors';
import { Notice } from '../ui/Layout';
import { PdfPreview, savePdf, type PdfDocument } from './PdfPreview';

type Which = 'receipt' | 'credit_note';

/**
 * Open (in the window, to read or print) and Save buttons for a bill's receipt, and for its credit note when it
 * has one. The document is fetched from the core when asked for; `label` names the bill for screen readers.
 */
export function DocumentButtons({ billId, label, creditNote }: { billId: number; label: string; creditNote?: boolean }) {
  const { t } = useTranslation();
  const { invoke } = useSession();
  const [open, setOpen] = useState<{ which: Which; doc: PdfDocument } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function fetchDoc(which: Which, then: (doc: PdfDocument) => void) {
    setError(null);
    setBusy(which);
    const r = await invoke('bills.document', { billId, which });
    setBusy(null);
    if (r.ok) then(r.data);
    else setError(errorText(t, r.error));
  }

  const buttons = (which: Which) => (
    <>
      <button type="button" className="btn btn--secondary" disabled={busy !== null} onClick={() => void fetchDoc(which, (doc) => setOpen({ which, doc }))}>
        {t(`billing.documents.open.${which}`)}
        <span className="visually-hidden"> {label}</span>
      </button>
      <button type="button" className="btn btn--secondary" disabled={busy !== null} onClick={() => void fetchDoc(which, savePdf)}>
        {t(`billing.documents.save.${which}`)}
        <span className="visually-hidden"> {label}</span>
      </button>
    </>
  );

  return (
    <div className="bill-documents">
      {buttons('receipt')}
      {creditNote && buttons('credit_note')}
      {error && <Notice kind="error">{error}</Notice>}
      {open && <PdfPreview doc={open.doc} title={t(`billing.documents.title.${open.which}`, { label })} onClose={() => setOpen(null)} />}
    </div>
  );
}
