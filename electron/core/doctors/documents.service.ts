import type { DoctorDocument, FileContent, ParsedInput } from '../../../shared/contract';
import type { DocumentKind, StoredType } from '../../../shared/records';
import { record } from '../audit/audit.service';
import { DomainError, requireSession, type Ctx } from '../context';
import { discardFile } from '../files/discard';
import { openStoredFile } from '../files/stored-file';
import { takenFile, type TakenUpload } from '../uploads/uploads.service';
import * as repo from './documents.repo';
import { doctorByUser } from './doctors.repo';

// The documents a doctor attaches to their verification request (degree, registration certificate), uploaded the
// same way as patients' records; the administrator opens them from the verification queue.

/** At most this many documents per doctor. */
const MAX_DOCUMENTS = 10;

export const documentView = (r: repo.DocumentRow): DoctorDocument => ({
  id: r.id, kind: r.kind as DocumentKind, title: r.title, mime: r.mime as StoredType, size: Number(r.size), fileName: r.file_name, uploadedAt: r.uploaded_at,
});

async function ownDoctor(ctx: Ctx) {
  const doctor = await doctorByUser(ctx.db, requireSession(ctx).userId);
  if (!doctor) throw new DomainError('NOT_FOUND', 'No doctor profile is linked to this account.');
  return doctor;
}

export async function add(ctx: Ctx, input: ParsedInput<'doctors.addDocument'>, taken: TakenUpload): Promise<DoctorDocument> {
  const doctor = await ownDoctor(ctx);
  if (((await repo.documentsOf(ctx.db, [doctor.id])).get(doctor.id)?.length ?? 0) >= MAX_DOCUMENTS) {
    throw new DomainError('CONFLICT', `At most ${MAX_DOCUMENTS} documents can be attached. Remove one you no longer need first.`);
  }
  const file = takenFile(taken);
  const files = ctx.deps.files;
  const fileId = await files.put(file.bytes, { kind: 'credential_document', mime: file.type }, ctx.db);
  try {
    const id = await repo.insertDocument(ctx.db, {
      doctor_id: doctor.id, kind: input.kind, title: input.title, file_id: fileId, mime: file.type, size: file.bytes.length, file_name: file.name,
      uploaded_at: ctx.now.toISOString(),
    });
    await record(ctx, { action: 'doctor.document_added', actorId: doctor.user_id, detail: { doctorId: doctor.id, documentId: id, kind: input.kind } });
    return documentView((await repo.documentById(ctx.db, id))!);
  } catch (e) {
    if (!files.transactional) await files.remove(fileId);
    throw e;
  }
}

/** The doctor's own document, or (for the administrator) anyone's; else "not found". */
async function visibleDocument(ctx: Ctx, documentId: number) {
  const session = requireSession(ctx);
  const row = await repo.documentById(ctx.db, documentId);
  const mine = row && (await doctorByUser(ctx.db, session.userId))?.id === row.doctor_id;
  if (!row || (!mine && !session.roles.includes('admin'))) throw new DomainError('NOT_FOUND', 'There is no document with this number that you can open.');
  return { row, mine };
}

export async function remove(ctx: Ctx, documentId: number) {
  const doctor = await ownDoctor(ctx);
  const row = await repo.documentById(ctx.db, documentId);
  if (!row || row.doctor_id !== doctor.id) throw new DomainError('NOT_FOUND', 'You have no document with this number.');
  await repo.deleteDocument(ctx.db, row.id);
  await record(ctx, { action: 'doctor.document_removed', actorId: doctor.user_id, detail: { doctorId: doctor.id, documentId: row.id } });
  await discardFile(ctx, row.file_id);
  return { done: true as const };
}

export async function open(ctx: Ctx, documentId: number): Promise<FileContent> {
  const { row, mine } = await visibleDocument(ctx, documentId);
  if (!mine) await record(ctx, { action: 'doctor.document_viewed', actorId: requireSession(ctx).userId, detail: { doctorId: row.doctor_id, documentId: row.id } });
  const stored = await openStoredFile(ctx, row.file_id);
  return { mime: row.mime as StoredType, base64: stored.bytes.toString('base64'), fileName: row.file_name };
}
