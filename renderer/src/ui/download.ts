/** Offers bytes as a file download under `filename`: a blob: link made here, never a path on this computer. */
export function download(filename: string, data: BlobPart, type: string) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  // The download has started by then; the link is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
