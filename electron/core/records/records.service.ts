import { RECORD_ACCESS_ACTIONS, type AccessEntry, type FileContent, type ParsedInput, type RecordView, type TrashedRecord } from '../../../shared/contract';
import { zonedParts } from '../../../shared/clinic-time';
import { TRASH_DAYS, type RecordCategory, type StoredType } from '../../../shared/records';
import { clinicSettings } from '../clinic/clinic.service';
import { record } from '../audit/audit.service';
import { DomainError, requireSession, type Ctx } from '../context';
import { doctorById } from '../doctors/doctors.repo';
import { discardFile } from '../files/discard';
import { openStoredFile } from '../files/stored-file';
import { patientByUser } from '../patients/patients.repo';
import { takenFile, type TakenUpload } from '../uploads/uploads.service';
import { accessDetail, requireAccess, signedInDoctor } from './access';
import * as repo from './records.repo';

// A patient's own records: kept from an upload, listed, shared with doctors, moved to the trash and back.

const DAY_MS = 86_400_000;
const clinicTimeZone = async (ctx: Ctx) => (await clinicSettings(ctx))?.timeZone ?? 'Asia/Kolkata';

/** The records as a screen shows them; `withShares` for their patient, who sees whom each is shared with. */
export async function recordViews(ctx: Ctx, rows: repo.RecordRow[], withShares: boolean): Promise<RecordView[]> {
  const shares = withShares ? await repo.sharesOf(ctx.db, rows.map((r) => r.id)) : [];
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    category: r.category as RecordCategory,
    recordDate: r.record_date,
    mime: r.mime as StoredType,
    size: Number(r.size),
    fileName: r.file_name,
    createdAt: r.created_at,
    sharedWith: shares.filter((s) => s.record_id === r.id).map((s) => ({ doctorId: s.doctor_id, doctorName: s.doctor_name })),
  }));
}

async function ownPatient(ctx: Ctx) {
  const patient = await patientByUser(ctx.db, requireSession(ctx).userId);
  if (!patient) throw new DomainError('NOT_FOUND', 'No patient record is linked to this account.');
  return patient;
}

/** One of the signed-in patient's records (`trashed`: one in the trash); another patient's is "not found", never "not yours". */
async function ownRecord(ctx: Ctx, recordId: number, trashed = false) {
  const patient = await ownPatient(ctx);
  const row = await repo.recordById(ctx.db, recordId);
  if (!row || row.patient_id !== patient.id || (row.deleted_at !== null) !== trashed) {
    throw new DomainError('NOT_FOUND', trashed ? 'This record is not in your trash.' : 'You have no record with this number.');
  }
  return row;
}

const view = async (ctx: Ctx, id: number) => (await recordViews(ctx, [(await repo.recordById(ctx.db, id))!], true))[0]!;

/** A doctor a patient may share with: one patients can see (verified, not suspended). */
async function shareableDoctor(ctx: Ctx, doctorId: number, field: string) {
  const doctor = await doctorById(ctx.db, doctorId);
  if (!doctor || doctor.status !== 'verified' || doctor.suspended_at) {
    throw new DomainError('VALIDATION', 'There is no doctor with this number to share with.', { fields: { [field]: 'doctor_unknown' } });
  }
  return doctor;
}

export async function add(ctx: Ctx, input: ParsedInput<'records.add'>, taken: TakenUpload): Promise<RecordView> {
  const patient = await ownPatient(ctx);
  if (input.recordDate > zonedParts(ctx.now, await clinicTimeZone(ctx)).date) {
    throw new DomainError('VALIDATION', 'The record\'s date cannot be in the future.', { fields: { recordDate: 'record_date_invalid' } });
  }
  const doctors = [...new Set(input.shareWith)];
  for (const doctorId of doctors) await shareableDoctor(ctx, doctorId, 'shareWith');
  const file = takenFile(taken);
  const files = ctx.deps.files;
  // Written (sealed, fsynced) before the row names it, so a saved record never points at a missing file.
  const fileId = await files.put(file.bytes, { kind: 'medical_record', mime: file.type }, ctx.db);
  try {
    const nowIso = ctx.now.toISOString();
    const id = await repo.insertRecord(ctx.db, {
      patient_id: patient.id, title: input.title, category: input.category, record_date: input.recordDate, file_id: fileId,
      mime: file.type, size: file.bytes.length, file_name: file.name, uploaded_by: patient.user_id!, created_at: nowIso, deleted_at: null,
    });
    for (const doctorId of doctors) await repo.addShare(ctx.db, id, doctorId, nowIso);
    await record(ctx, { action: 'record.uploaded', actorId: patient.user_id, patientId: patient.id, detail: { recordId: id, doctorIds: doctors } });
    return await view(ctx, id);
  } catch (e) {
    // The database store rolls back with the transaction; a file already on disk must go by hand.
    if (!files.transactional) await files.remove(fileId);
    throw e;
  }
}

export async function mine(ctx: Ctx, input: ParsedInput<'records.mine'>): Promise<RecordView[]> {
  const patient = await ownPatient(ctx);
  const rows = await repo.recordsOfPatient(ctx.db, patient.id, { category: input.category, from: input.from, to: input.to, sharedWith: input.doctorId });
  return recordViews(ctx, rows, true);
}

export async function trash(ctx: Ctx): Promise<TrashedRecord[]> {
  const patient = await ownPatient(ctx);
  return (await repo.trashOfPatient(ctx.db, patient.id)).map((r) => ({
    id: r.id,
    title: r.title,
    category: r.category as RecordCategory,
    recordDate: r.record_date,
    deletedAt: r.deleted_at!,
    removedAt: new Date(Date.parse(r.deleted_at!) + TRASH_DAYS * DAY_MS).toISOString(),
  }));
}

export async function remove(ctx: Ctx, recordId: number) {
  const row = await ownRecord(ctx, recordId);
  await repo.setDeleted(ctx.db, row.id, ctx.now.toISOString());
  await record(ctx, { action: 'record.deleted', actorId: requireSession(ctx).userId, patientId: row.patient_id, detail: { recordId: row.id } });
  return { done: true as const };
}

export async function restore(ctx: Ctx, recordId: number): Promise<RecordView> {
  const row = await ownRecord(ctx, recordId, true);
  await repo.setDeleted(ctx.db, row.id, null);
  await record(ctx, { action: 'record.restored', actorId: requireSession(ctx).userId, patientId: row.patient_id, detail: { recordId: row.id } });
  return view(ctx, row.id);
}

export async function share(ctx: Ctx, input: ParsedInput<'records.share'>, shared: boolean): Promise<RecordView> {
  const row = await ownRecord(ctx, input.recordId);
  if (shared) {
    await shareableDoctor(ctx, input.doctorId, 'doctorId');
    await repo.addShare(ctx.db, row.id, input.doctorId, ctx.now.toISOString());
  } else {
    await repo.removeShare(ctx.db, row.id, input.doctorId);
  }
  await record(ctx, {
    action: shared ? 'record.shared' : 'record.unshared',
    actorId: requireSession(ctx).userId,
    patientId: row.patient_id,
    detail: { recordId: row.id, doctorId: input.doctorId },
  });
  return view(ctx, row.id);
}

/**
 * A record's file: its patient's, or a doctor's who may see it, each such opening in the audit log (flagged when
 * under emergency access). Anyone else is told there is no such record.
 */
export async function file(ctx: Ctx, recordId: number): Promise<FileContent> {
  const session = requireSession(ctx);
  const row = await repo.recordById(ctx.db, recordId);
  const notFound = () => new DomainError('NOT_FOUND', 'There is no record with this number that you can open.');
  if (!row || row.deleted_at !== null) throw notFound();
  const patient = await patientByUser(ctx.db, session.userId);
  if (patient?.id !== row.patient_id) {
    if (!session.roles.includes('doctor')) throw notFound();
    const doctor = await signedInDoctor(ctx);
    const access = await requireAccess(ctx, doctor.id, row.patient_id);
    if (access.via === 'shared' && !access.recordIds.includes(row.id)) throw notFound();
    await record(ctx, { action: 'record.opened', actorId: session.userId, patientId: row.patient_id, detail: { recordId: row.id, ...accessDetail(access) } });
  }
  const stored = await openStoredFile(ctx, row.file_id, row.patient_id);
  return { mime: row.mime as StoredType, base64: stored.bytes.toString('base64'), fileName: row.file_name };
}

/** Who opened the patient's records, profile or notes, and when: the audit log's rows about them by anyone else. */
export async function accessLog(ctx: Ctx): Promise<AccessEntry[]> {
  const patient = await ownPatient(ctx);
  const rows = await repo.accessesOf(ctx.db, patient.id, requireSession(ctx).userId, RECORD_ACCESS_ACTIONS);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorName: r.actor_name,
    // The front desk opens a patient's profile and exports their data for them; everything else here is a doctor's.
    actorRole: r.action === 'patient.viewed' || r.action === 'patient.exported' ? 'front_desk' : 'doctor',
    action: r.action as AccessEntry['action'],
    emergency: (JSON.parse(r.detail) as { emergency?: boolean }).emergency === true,
  }));
}

/** Removes the records that have been in the trash longer than TRASH_DAYS, files included; returns how many. */
export async function purgeTrash(ctx: Ctx): Promise<number> {
  const due = await repo.expiredTrash(ctx.db, new Date(ctx.now.getTime() - TRASH_DAYS * DAY_MS).toISOString());
  for (const r of due) {
    await repo.deleteRecord(ctx.db, r.id);
    await record(ctx, { action: 'record.purged', actorId: null, patientId: r.patient_id, detail: { recordId: r.id } });
    await discardFile(ctx, r.file_id);
  }
  return due.length;
}
