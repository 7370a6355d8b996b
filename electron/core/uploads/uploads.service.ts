import type { ParsedInput } from '../../../shared/contract';
import { CHUNK_BYTES, type StoredType, type UploadPurpose } from '../../../shared/records';
import type { Role } from '../../../shared/roles';
import { uploadLimitBytes } from '../clinic/clinic.service';
import { hashToken } from '../auth/password-checks';
import { DomainError, requireSession, type Ctx, type Deps } from '../context';
import { checkContent, checkHead } from '../files/content-type';
import type { Upload } from './upload-store';

// Files come in over the transport in chunks (base64 inside JSON stays well under the browser-mode server's
// body limit), bound to the session that began them. The service that takes a whole upload types it by its
// content and keeps it; any refusal, cancel or abandoned upload leaves nothing behind.

/** Who may upload for what, and what each purpose keeps. */
const PURPOSES: Record<UploadPurpose, { role: Role; types: readonly StoredType[] }> = {
  record: { role: 'patient', types: ['application/pdf', 'image/jpeg', 'image/png', 'text/plain'] },
  credential: { role: 'doctor', types: ['application/pdf', 'image/jpeg', 'image/png'] },
};

/** An upload not finished within this time is given up (its part removed) when its owner next begins one. */
const ABANDONED_MS = 60 * 60_000;
/** Uploads one session may have on their way at once. */
const AT_ONCE = 10;

const refuse = (key: string, message: string) => new DomainError('VALIDATION', message, { fields: { file: key } });
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export async function begin(ctx: Ctx, input: ParsedInput<'uploads.begin'>) {
  const session = requireSession(ctx);
  if (!session.roles.includes(PURPOSES[input.purpose].role)) throw new DomainError('FORBIDDEN', 'Your account cannot upload this kind of file.');
  if (input.size === 0) throw refuse('file_empty', 'The file is empty.');
  const limit = await uploadLimitBytes(ctx);
  if (input.size > limit) {
    throw refuse('file_too_large', `The file is ${megabytes(input.size)}; files can be at most ${megabytes(limit)}. Choose a smaller file, or save it smaller first.`);
  }
  const store = ctx.deps.uploads;
  if (store.sweep(session.tokenHash, ctx.now.getTime() - ABANDONED_MS) >= AT_ONCE) {
    throw new DomainError('CONFLICT', `At most ${AT_ONCE} files can be on their way at once. Wait for some to finish, then add the rest.`);
  }
  const upload = store.begin(session.tokenHash, input.purpose, input.name, input.size, ctx.now.getTime());
  return { uploadId: upload.id, chunkBytes: CHUNK_BYTES };
}

const notOnItsWay = () =>
  new DomainError('NOT_FOUND', 'This upload is not on its way any more (it was cancelled, finished or given up). Choose the file again.');

function own(ctx: Ctx, uploadId: string): Upload {
  const upload = ctx.deps.uploads.find(requireSession(ctx).tokenHash, uploadId);
  if (!upload) throw notOnItsWay();
  return upload;
}

/** Drops the upload and refuses: whatever was wrong, nothing of it stays. */
function giveUp(ctx: Ctx, upload: Upload, error: DomainError): never {
  ctx.deps.uploads.drop(upload);
  throw error;
}

export async function chunk(ctx: Ctx, input: ParsedInput<'uploads.chunk'>) {
  const upload = own(ctx, input.uploadId);
  const bytes = Buffer.from(input.base64, 'base64');
  if (input.index !== upload.next) giveUp(ctx, upload, new DomainError('CONFLICT', 'A part of this file went missing on the way. Choose the file again.'));
  if (bytes.length === 0 || upload.received + bytes.length > upload.size) {
    giveUp(ctx, upload, refuse('upload_size', 'More or less arrived than the file\'s announced size. Choose the file again.'));
  }
  // What the first bytes already show (a program, a kind of file not kept, an image claiming too many pixels) ends the upload at once.
  if (input.index === 0) {
    const problem = checkHead(bytes, PURPOSES[upload.purpose].types);
    if (problem) giveUp(ctx, upload, refuse(problem.key, problem.message));
  }
  ctx.deps.uploads.append(upload, bytes);
  return { received: upload.received };
}

export async function cancel(ctx: Ctx, input: ParsedInput<'uploads.cancel'>) {
  const upload = ctx.deps.uploads.find(requireSession(ctx).tokenHash, input.uploadId);
  if (upload) ctx.deps.uploads.drop(upload);
  return { done: true as const };
}

/** An upload taken and typed before the transaction: the whole file, or why it was refused, or null (no such upload of this session). */
export type TakenUpload = { bytes: Buffer; name: string; type: StoredType } | { refused: DomainError } | null;

/**
 * The prepare step of the channel that keeps an upload (withPrepared): the whole file, typed by its content (magic
 * bytes and a parse), outside the transaction, so opening a large PDF holds up nobody else's calls. Found by the
 * token that began it; the upload is gone afterwards whatever happens next.
 */
export async function takeUpload(deps: Deps, token: string | undefined, uploadId: string, purpose: UploadPurpose): Promise<TakenUpload> {
  const upload = token === undefined ? undefined : deps.uploads.find(hashToken(token), uploadId);
  if (!upload) return null;
  const dropped = (refused: DomainError) => {
    deps.uploads.drop(upload);
    return { refused };
  };
  if (upload.purpose !== purpose) return dropped(new DomainError('VALIDATION', 'This upload was begun for something else. Choose the file again.'));
  if (upload.received !== upload.size) return dropped(refuse('upload_incomplete', 'Only part of the file arrived. Choose the file again.'));
  const bytes = deps.uploads.take(upload);
  const checked = await checkContent(bytes, PURPOSES[purpose].types);
  if ('refused' in checked) return { refused: refuse(checked.refused.key, checked.refused.message) };
  return { bytes, name: upload.name, type: checked.type };
}

/** In the transaction, once the session has been checked: the taken upload's file, or the refusal. */
export function takenFile(taken: TakenUpload): { bytes: Buffer; name: string; type: StoredType } {
  if (!taken) throw notOnItsWay();
  if ('refused' in taken) throw taken.refused;
  return taken;
}
