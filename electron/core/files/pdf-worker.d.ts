// pdf.js ships no types for its worker module; MedLink only hands it back to pdf.js (content-type.ts).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
