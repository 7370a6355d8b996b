import type { FileContent } from '../../../shared/contract';
import type { UploadPurpose } from '../../../shared/records';
import type { Result } from '../../../shared/errors';
import type { Invoke } from '../transport';

// Files between the screens and the application: sent in chunks (base64 inside the transport's JSON), received
// as base64 in an answer, saved as a copy through a blob the page makes itself. Never a file:// URL.

/** Bytes as base64, a slice at a time (String.fromCharCode takes only so many arguments at once). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

export function fromBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** "2.4 MB", "380 KB". */
export function fileSize(bytes: number, locale: string): string {
  const f = (n: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n);
  return bytes >= 1024 * 1024 ? `${f(bytes / 1024 / 1024)} MB` : `${f(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

/** Saves `blob` where the browser (or Electron) saves downloads, as `name`. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The click has handed the blob over; the URL is not needed after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Saves a copy of a stored file under its own name. */
export const saveCopy = (file: FileContent) => download(new Blob([fromBase64(file.base64)], { type: file.mime }), file.fileName);

export interface UploadHandle {
  /** Resolves with the upload's id once every chunk is in; a refusal on the way resolves with it instead. */
  done: Promise<Result<string>>;
  cancel(): void;
}

/**
 * Sends a chosen file chunk by chunk, reporting the share sent (0…1). The server types the whole file only when
 * the channel that keeps it is called with the id; cancelling (or a refusal) leaves nothing on the server.
 */
export function uploadFile(invoke: Invoke, file: File, purpose: UploadPurpose, onProgress: (share: number) => void): UploadHandle {
  let cancelled = false;
  let uploadId: string | null = null;
  const done = (async (): Promise<Result<string>> => {
    const begun = await invoke('uploads.begin', { purpose, name: file.name, size: file.size });
    if (!begun.ok) return begun;
    uploadId = begun.data.uploadId;
    const { chunkBytes } = begun.data;
    for (let at = 0, index = 0; at < file.size; at += chunkBytes, index++) {
      if (cancelled) return { ok: false, error: { code: 'CONFLICT', message: 'Cancelled.' } };
      const bytes = new Uint8Array(await file.slice(at, at + chunkBytes).arrayBuffer());
      const sent = await invoke('uploads.chunk', { uploadId, index, base64: toBase64(bytes) });
      if (!sent.ok) return sent;
      onProgress(sent.data.received / file.size);
    }
    onProgress(1);
    return { ok: true, data: uploadId };
  })();
  return {
    done,
    cancel() {
      cancelled = true;
      if (uploadId) void invoke('uploads.cancel', { uploadId });
    },
  };
}
