import { PHOTO_MAX_BYTES, type OwnDoctorProfile, type ParsedInput } from '../../../shared/contract';
import { record } from '../audit/audit.service';
import { DomainError, requireSession, type Ctx } from '../context';
import { serialize } from '../db/dialects';
import { checkContent } from '../files/content-type';
import { discardFile } from '../files/discard';
import { readStoredFile } from '../files/stored-file';
import { searchChanged } from '../search/changes';
import * as repo from './doctor-profile.repo';
import { doctorById, doctorByUser, type DoctorRow } from './doctors.repo';

// A doctor's own profile: introduction, languages, what contact details patients see, and their photo.

/**
 * The photo as a data URL for an <img> (the screens' CSP allows `img-src data:`), or undefined when there is
 * none or it cannot be read. Its type is the one its bytes showed at upload, never a claimed one.
 */
export async function photoDataUrl(ctx: Ctx, photoFileId: string | null | undefined): Promise<string | undefined> {
  if (!photoFileId) return undefined;
  // An altered photo is left out (and recorded), not a reason to refuse the page it sits on.
  const file = await readStoredFile(ctx, photoFileId);
  return file && file !== 'altered' ? `data:${file.mime};base64,${file.bytes.toString('base64')}` : undefined;
}

async function toView(ctx: Ctx, row: DoctorRow): Promise<OwnDoctorProfile> {
  return {
    fullName: row.full_name,
    email: row.email,
    phone: row.phone,
    ...(row.bio ? { bio: row.bio } : {}),
    languages: JSON.parse(row.languages) as string[],
    showEmail: row.show_email === 1,
    showPhone: row.show_phone === 1,
    ...(row.photo_file ? { photo: await photoDataUrl(ctx, row.photo_file) } : {}),
    suspended: row.suspended_at ? { at: row.suspended_at, reason: row.suspended_reason ?? '' } : null,
  };
}

/**
 * The signed-in doctor's row, read after their profile is locked: two windows changing the photo at once take
 * turns, so neither leaves the other's file behind.
 */
async function ownLocked(ctx: Ctx): Promise<DoctorRow> {
  const found = await doctorByUser(ctx.db, requireSession(ctx).userId);
  if (!found) throw new DomainError('NOT_FOUND', 'No doctor profile is linked to this account.');
  await serialize(ctx.db, ctx.deps.dialect, `doctor-profile:${found.id}`);
  return (await doctorById(ctx.db, found.id))!;
}

const reread = async (ctx: Ctx, id: number) => toView(ctx, (await doctorById(ctx.db, id))!);

export async function myProfile(ctx: Ctx): Promise<OwnDoctorProfile> {
  const row = await doctorByUser(ctx.db, requireSession(ctx).userId);
  if (!row) throw new DomainError('NOT_FOUND', 'No doctor profile is linked to this account.');
  return toView(ctx, row);
}

export async function updateProfile(ctx: Ctx, input: ParsedInput<'doctors.updateProfile'>): Promise<OwnDoctorProfile> {
  const row = await ownLocked(ctx);
  const before = { bio: row.bio ?? undefined, languages: row.languages, showEmail: row.show_email === 1, showPhone: row.show_phone === 1 };
  const after = { bio: input.bio, languages: JSON.stringify(input.languages), showEmail: input.showEmail, showPhone: input.showPhone };
  const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => before[k] !== after[k]);
  if (changed.length > 0) {
    await repo.setProfile(ctx.db, row.id, { bio: input.bio ?? null, languages: input.languages, showEmail: input.showEmail, showPhone: input.showPhone, nowIso: ctx.now.toISOString() });
    await record(ctx, { action: 'doctor.profile_updated', actorId: row.user_id, detail: { doctorId: row.id, changed } });
    await searchChanged(ctx);
  }
  return reread(ctx, row.id);
}

const refuse = (key: string, message: string) => new DomainError('VALIDATION', message, { fields: { base64: key } });

/** The photo's bytes, refused (with a message a doctor can act on) unless a whole JPEG or PNG of at most 2 MB and of a sensible size. */
export async function checkPhoto(base64: string): Promise<{ bytes: Buffer; mime: 'image/jpeg' | 'image/png' }> {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) throw refuse('photo_required', 'The file is empty. Choose a photo.');
  if (bytes.length > PHOTO_MAX_BYTES) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1);
    throw refuse('photo_too_large', `The photo is ${mb} MB; it can be at most 2 MB. Choose a smaller photo, or save it smaller first.`);
  }
  const checked = await checkContent(bytes, ['image/jpeg', 'image/png']);
  if ('refused' in checked) {
    const { key, message } = checked.refused;
    // Not an image at all: said in a photo's own words.
    if (key === 'file_type' || key === 'file_program') {
      throw refuse('photo_type', 'Only a JPEG or PNG photo can be used, and this file is neither (whatever its name says). Choose a photo saved as JPEG or PNG.');
    }
    throw refuse(key, message);
  }
  return { bytes, mime: checked.type as 'image/jpeg' | 'image/png' };
}

export async function uploadPhoto(ctx: Ctx, input: ParsedInput<'doctors.uploadPhoto'>): Promise<OwnDoctorProfile> {
  // Checked before anything is read or written: a refused file leaves no trace.
  const { bytes, mime } = await checkPhoto(input.base64);
  const row = await ownLocked(ctx);
  const files = ctx.deps.files;
  // Written (and fsynced) before the row names it, so a saved row never points at a missing file.
  const fileId = await files.put(bytes, { kind: 'doctor_photo', mime }, ctx.db);
  try {
    await repo.setPhoto(ctx.db, row.id, fileId, ctx.now.toISOString());
    await record(ctx, { action: 'doctor.profile_updated', actorId: row.user_id, detail: { doctorId: row.id, changed: ['photo'] } });
    await searchChanged(ctx);
  } catch (e) {
    // The database store rolls back with the transaction; a file already on disk must go by hand.
    if (!files.transactional) await files.remove(fileId);
    throw e;
  }
  if (row.photo_file) await discardFile(ctx, row.photo_file);
  return reread(ctx, row.id);
}

export async function removePhoto(ctx: Ctx): Promise<OwnDoctorProfile> {
  const row = await ownLocked(ctx);
  if (row.photo_file) {
    await repo.setPhoto(ctx.db, row.id, null, ctx.now.toISOString());
    await record(ctx, { action: 'doctor.profile_updated', actorId: row.user_id, detail: { doctorId: row.id, changed: ['photo'] } });
    await searchChanged(ctx);
    await discardFile(ctx, row.photo_file);
  }
  return reread(ctx, row.id);
}
