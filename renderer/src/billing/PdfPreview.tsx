import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/contract';
import { Dialog } from '../ui/Dialog';
import { download, fromBase64 } from '../ui/files';
import { Button, Loading, Notice } from '../ui/Layout';
import { openPdf } from '../ui/pdf';

export type PdfDocument = Output<'bills.document'>;

/** Offers the PDF as a download under its own name. */
export const savePdf = (doc: PdfDocument) => download(new Blob([fromBase64(doc.base64)], { type: doc.mime }), doc.filename);

/** Pages drawn at this many canvas pixels per PDF point: sharp on screen and on paper. */
const SCALE = 2;

/**
 * A receipt or credit note the core sent, every page drawn with pdf.js inside the window (ui/pdf.ts: loaded only
 * when first needed, nothing in the document run), ready for Print (the print style prints these pages only) and Save.
 */
export function PdfPreview({ doc, title, onClose }: { doc: PdfDocument; title: string; onClose: () => void }) {
  const { t } = useTranslation();
  const pages = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const pdf = await openPdf(fromBase64(doc.base64));
        const canvases: HTMLCanvasElement[] = [];
        for (let n = 1; n <= pdf.numPages; n++) {
          const page = await pdf.getPage(n);
          const viewport = page.getViewport({ scale: SCALE });
          const canvas = document.createElement('canvas');
          canvas.width = viewport.width;
          canvas.height = viewport.height;
          canvas.setAttribute('role', 'img');
          canvas.setAttribute('aria-label', t('billing.preview.page', { n, count: pdf.numPages }));
          await page.render({ canvas, viewport }).promise;
          canvases.push(canvas);
        }
        await pdf.destroy();
        if (cancelled || !pages.current) return;
        pages.current.replaceChildren(...canvases);
        setState('ready');
      } catch {
        if (!cancelled) setState('failed');
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [doc, t]);

  return (
    <Dialog title={title} onClose={onClose}>
      <div className="pdf-preview__actions">
        <Button onClick={() => window.print()} disabled={state !== 'ready'}>{t('billing.preview.print')}</Button>
        <Button kind="secondary" onClick={() => savePdf(doc)}>{t('billing.preview.save')}</Button>
        <Button kind="secondary" onClick={onClose}>{t('billing.preview.close')}</Button>
      </div>
      {state === 'loading' && <Loading />}
      {state === 'failed' && <Notice kind="error">{t('billing.preview.failed')}</Notice>}
      <div className="pdf-pages" ref={pages} />
    </Dialog>
  );
}
