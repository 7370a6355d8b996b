import { record } from '../audit/audit.service';
import { DomainError, type Ctx } from '../context';
import type { StoredFile } from './file-store';
import { FileAlteredError } from './sealed-file';

/**
 * A stored file for this call: null when there is none; 'altered' when its stored bytes were changed, which is
 * then in the audit log (and the log, for whoever looks after the computer).
 */
export async function readStoredFile(ctx: Ctx, fileId: string, patientId: number | null = null): Promise<StoredFile | 'altered' | null> {
  try {
    return await ctx.deps.files.get(fileId, ctx.db);
  } catch (e) {
    if (!(e instanceof FileAlteredError)) throw e;
    ctx.deps.log(`file store: ${fileId} has been altered; not served`);
    await record(ctx, { action: 'file.altered', actorId: ctx.session?.userId ?? null, patientId, detail: { fileId } });
    return 'altered';
  }
}

/** A stored file, or a refusal: missing, or altered (the refusal keeps its audit row). */
export async function openStoredFile(ctx: Ctx, fileId: string, patientId: number | null = null): Promise<StoredFile> {
  const file = await readStoredFile(ctx, fileId, patientId);
  if (file === 'altered') {
    throw new DomainError('FILE_ALTERED', "This file has been altered since it was stored, so MedLink will not show it. Tell the clinic's administrator.", { keep: true });
  }
  if (!file) throw new DomainError('NOT_FOUND', 'This file is no longer there.');
  return file;
}
