import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/contract';
import { Dialog } from '../desk/Dialog';
import { download } from '../ui/download';
import { Button, Loading, Notice } from '../ui/Layout';

export type PdfDocument = Output<'bills.document'>;

const bytesOf = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

/** Offers the PDF as a download under its own name. */
export const savePdf = (doc: PdfDocument) => download(doc.filename, bytesOf(doc.base64), doc.mime);

/** Pages drawn at this many canvas pixels per PDF point: sharp on screen and on paper. */
const SCALE = 2;

/**
 * A PDF the core sent, drawn page by page with pdf.js inside the window (loaded only when first needed; no
 * eval, glyphs drawn as paths, so the window's strict content policy holds), with Print and Save.
 */
export function PdfPreview({ doc, title, onClose }: { doc: PdfDocument; title: string; onClose: () => void }) {
  const { t } = useTranslation();
  const pages = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const pdfjs = await import('pdfjs-dist');
        pdfjs.GlobalWorkerOptions.workerSrc = (await import('pdfjs-dist/build/pdf.worker.min.mjs?url')).default;
        const pdf = await pdfjs.getDocument({ data: bytesOf(doc.base64), isEvalSupported: false, disableFontFace: true, enableXfa: false }).promise;
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
