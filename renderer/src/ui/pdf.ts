import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

// pdf.js for previews, loaded when the first PDF is opened. Its worker is part of the build, served from the app
// itself (the CSP allows scripts and workers from 'self' only). Nothing in a document is run: no eval, no scripting.

type PdfJs = typeof import('pdfjs-dist');
let loading: Promise<PdfJs> | undefined;

export function pdfjs(): Promise<PdfJs> {
  return (loading ??= import('pdfjs-dist').then((lib) => {
    lib.GlobalWorkerOptions.workerSrc = workerUrl;
    return lib;
  }));
}

/** Opens a PDF's bytes for drawing its pages; destroy() when done. */
export async function openPdf(bytes: Uint8Array) {
  const lib = await pdfjs();
  return lib.getDocument({ data: bytes, isEvalSupported: false, enableXfa: false, stopAtErrors: true }).promise;
}
