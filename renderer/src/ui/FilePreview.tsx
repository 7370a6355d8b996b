import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileContent } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import { Dialog } from './Dialog';
import { errorText } from './errors';
import { fromBase64, saveCopy } from './files';
import { Button, Loading, Notice } from './Layout';
import { openPdf } from './pdf';

/**
 * A stored file shown inside the app: a PDF drawn page by page by pdf.js (nothing in it runs), an image from a
 * data: URL, text as text. The bytes come over the transport (`load`), never from a file:// URL.
 */
export function FilePreview({ title, load, onClose }: { title: string; load: () => Promise<Result<FileContent>>; onClose: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<FileContent | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void load().then((r) => {
      if (!live) return;
      if (r.ok) setFile(r.data);
      else setError(errorText(t, r.error));
    });
    return () => {
      live = false;
    };
    // The file is loaded once, when the preview opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <Dialog title={title} onClose={onClose}>
      <div className="preview">
        {error && <Notice kind="error">{error}</Notice>}
        {!file && !error && <Loading />}
        {file?.mime === 'application/pdf' && <PdfPages base64={file.base64} />}
        {(file?.mime === 'image/png' || file?.mime === 'image/jpeg') && (
          <img className="preview__image" src={`data:${file.mime};base64,${file.base64}`} alt={t('preview.imageAlt', { name: file.fileName })} />
        )}
        {file?.mime === 'text/plain' && <pre className="preview__text">{new TextDecoder().decode(fromBase64(file.base64))}</pre>}
      </div>
      <div className="form__actions">
        {file && <Button kind="secondary" onClick={() => saveCopy(file)}>{t('preview.save')}</Button>}
        <Button onClick={onClose}>{t('preview.close')}</Button>
      </div>
    </Dialog>
  );
}

/** A PDF's pages, one at a time, drawn on a canvas. */
function PdfPages({ base64 }: { base64: string }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [doc, setDoc] = useState<Awaited<ReturnType<typeof openPdf>> | null>(null);
  const [page, setPage] = useState(1);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let opened: Awaited<ReturnType<typeof openPdf>> | null = null;
    let live = true;
    openPdf(fromBase64(base64)).then(
      (d) => {
        opened = d;
        if (live) setDoc(d);
        else void d.destroy();
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      void opened?.destroy();
    };
  }, [base64]);

  useEffect(() => {
    if (!doc || !canvas.current) return;
    let task: { cancel(): void; promise: Promise<void> } | undefined;
    void doc.getPage(page).then((p) => {
      const target = canvas.current;
      if (!target) return;
      // Drawn at the screen's pixel density, fitted to the dialog's width.
      const width = Math.min(target.parentElement?.clientWidth ?? 800, 900);
      const viewport = p.getViewport({ scale: 1 });
      const scale = width / viewport.width;
      const scaled = p.getViewport({ scale: scale * window.devicePixelRatio });
      target.width = Math.floor(scaled.width);
      target.height = Math.floor(scaled.height);
      target.style.width = `${Math.floor(scaled.width / window.devicePixelRatio)}px`;
      task = p.render({ canvas: target, viewport: scaled });
      task.promise.catch(() => undefined);
    });
    return () => task?.cancel();
  }, [doc, page]);

  if (failed) return <Notice kind="error">{t('preview.pdfFailed')}</Notice>;
  if (!doc) return <Loading />;
  return (
    <>
      <canvas ref={canvas} className="preview__page" role="img" aria-label={t('preview.page', { page, pages: doc.numPages })} />
      {doc.numPages > 1 && (
        <div className="preview__pager" role="group" aria-label={t('preview.pages')}>
          <Button kind="secondary" disabled={page === 1} onClick={() => setPage(page - 1)}>{t('preview.previous')}</Button>
          <span aria-live="polite">{t('preview.page', { page, pages: doc.numPages })}</span>
          <Button kind="secondary" disabled={page === doc.numPages} onClick={() => setPage(page + 1)}>{t('preview.next')}</Button>
        </div>
      )}
    </>
  );
}
