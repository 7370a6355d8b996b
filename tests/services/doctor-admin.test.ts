import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../electron/core/files/file-store';
import { PHOTO_MAX_BASE64, PHOTO_MAX_BYTES } from '../../shared/contract';
import { ADMIN_EMAIL, newClinic, ok, PASSWORD, readyFrontDesk, refused, signIn, signupDoctor, signupPatient, enrolledSeat, type Clinic } from '../helpers/clinic';
import { doctorSignupInput, patientSignupInput } from '../helpers/data';
import { auditRows, countRows, expectNoWrites } from '../helpers/db';
import { bytesOf, JPEG_BASE64, PNG_BASE64, WEBP_BASE64 } from '../helpers/images';
import { bookingClinic, ist, practisingDoctor } from '../helpers/scheduling';
import { outboxRows } from '../helpers/smtp';

// The test clock starts on Monday 2 March 2026, 10:00 in Pune (04:30 UTC).
const TUESDAY = '2026-03-03';
const WEDNESDAY = '2026-03-04';

/** The ids of the files the clinic's store holds: rows of `files` on PostgreSQL, files in the data folder on SQLite. */
async function storedFiles(clinic: Clinic): Promise<string[]> {
  if (clinic.databaseUrl) return (await clinic.app.deps.db.selectFrom('files').select('id').execute()).map((r) => r.id).sort();
  const root = join(clinic.dataDir, 'files');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.endsWith('.json'))
    .map((e) => e.name)
    .sort();
}

/** Rows and stored files, to show that a refusal wrote nothing anywhere. */
const everything = async (clinic: Clinic) => ({ rows: await countRows(clinic.app), files: await storedFiles(clinic) });

const photoOf = async (clinic: Clinic, token: string) => ok(await clinic.call('doctors.myProfile', {}, token)).photo;

describe("a doctor's photo", () => {
  it('accepts a real PNG, then a real JPEG in its place, each told by its bytes; the replaced file is removed', async () => {
    const clinic = await newClinic();
    // Not yet verified: a doctor prepares the profile patients will see.
    const doctor = await signupDoctor(clinic);

    const withPng = ok(await clinic.call('doctors.uploadPhoto', { base64: PNG_BASE64 }, doctor.token));
    expect(withPng.photo).toBe(`data:image/png;base64,${PNG_BASE64}`);
    const [pngId] = await storedFiles(clinic);
    expect(await storedFiles(clinic)).toHaveLength(1);
    expect(await clinic.app.deps.files.get(pngId!)).toEqual({ bytes: bytesOf(PNG_BASE64), mime: 'image/png' });

    const withJpeg = ok(await clinic.call('doctors.uploadPhoto', { base64: JPEG_BASE64 }, doctor.token));
    expect(withJpeg.photo).toBe(`data:image/jpeg;base64,${JPEG_BASE64}`);
    const files = await storedFiles(clinic);
    expect(files).toHaveLength(1);
    expect(files).not.toContain(pngId);
    expect(await clinic.app.deps.files.get(pngId!)).toBeNull();
    expect(await photoOf(clinic, doctor.token)).toBe(`data:image/jpeg;base64,${JPEG_BASE64}`);

    const changes = await auditRows(clinic.app, 'doctor.profile_updated');
    expect(changes.map((r) => JSON.parse(r.detail))).toEqual([
      { doctorId: doctor.doctorId, changed: ['photo'] },
      { doctorId: doctor.doctorId, changed: ['photo'] },
    ]);
  });

  it('keeps the sha256 of what it stores, and where: the data folder on SQLite, the database on PostgreSQL', async () => {
    const clinic = await newClinic();
    const doctor = await signupDoctor(clinic);
    ok(await clinic.call('doctors.uploadPhoto', { base64: JPEG_BASE64 }, doctor.token));
    const [id] = await storedFiles(clinic);
    if (clinic.databaseUrl) {
      const row = await clinic.app.deps.db.selectFrom('files').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({ id, kind: 'doctor_photo', mime: 'image/jpeg', sha256: sha256(bytesOf(JPEG_BASE64)), created_at: clinic.clock.now().toISOString() });
      expect(Number(row.size)).toBe(bytesOf(JPEG_BASE64).length);
      expect(existsSync(join(clinic.dataDir, 'files'))).toBe(false);
    } else {
      const meta = JSON.parse(readFileSync(join(clinic.dataDir, 'files', id!.slice(0, 2), `${id}.json`), 'utf8'));
      expect(meta).toEqual({ kind: 'doctor_photo', mime: 'image/jpeg', size: bytesOf(JPEG_BASE64).length, sha256: sha256(bytesOf(JPEG_BASE64)), createdAt: clinic.clock.now().toISOString() });
      expect(await clinic.app.deps.db.selectFrom('files').selectAll().execute()).toEqual([]);
    }
    const row = await clinic.app.deps.db.selectFrom('doctor_info').select('photo_file').where('id', '=', doctor.doctorId).executeTakeFirstOrThrow();
    expect(row.photo_file).toBe(id);
  });

  it('refuses what is not a JPEG or PNG, whatever it is called, with a clear message, and writes nothing', async () => {
    const clinic = await newClinic();
    const doctor = await signupDoctor(clinic);
    ok(await clinic.call('doctors.uploadPhoto', { base64: PNG_BASE64 }, doctor.token));
    const before = await everything(clinic);

    // A text file renamed photo.png: the name never reaches the server, and the bytes say what it is.
    const text = Buffer.from('Dr Mehta – CV\nMBBS, MD\n').toString('base64');
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1').toString('base64');
    // A PNG's name and signature on bytes that are not a PNG.
    const fakePng = Buffer.concat([bytesOf(PNG_BASE64).subarray(0, 8), Buffer.from('not really an image at all')]).toString('base64');
    for (const base64 of [text, gif, WEBP_BASE64]) {
      const e = refused(await clinic.call('doctors.uploadPhoto', { base64 }, doctor.token));
      expect(e).toMatchObject({ code: 'VALIDATION', fields: { base64: 'photo_type' } });
      expect(e.message).toMatch(/JPEG or PNG/);
    }
    // Claiming to be a PNG is not enough: it must be a whole one.
    expect(refused(await clinic.call('doctors.uploadPhoto', { base64: fakePng }, doctor.token))).toMatchObject({ code: 'VALIDATION', fields: { base64: 'image_broken' } });
    expect(await everything(clinic)).toEqual(before);
    expect(await photoOf(clinic, doctor.token)).toBe(`data:image/png;base64,${PNG_BASE64}`);
  });

  it('refuses a photo over 2 MB, with its size in the message, and writes nothing', async () => {
    const clinic = await newClinic();
    const doctor = await signupDoctor(clinic);
    const before = await everything(clinic);

    // A real PNG padded past the limit: what counts is the size.
    const big = Buffer.concat([bytesOf(PNG_BASE64), Buffer.alloc(PHOTO_MAX_BYTES + 1 - bytesOf(PNG_BASE64).length)]);
    const e = refused(await clinic.call('doctors.uploadPhoto', { base64: big.toString('base64') }, doctor.token));
    expect(e).toMatchObject({ code: 'VALIDATION', fields: { base64: 'photo_too_large' } });
    expect(e.message).toBe('The photo is 2.0 MB; it can be at most 2 MB. Choose a smaller photo, or save it smaller first.');
    // Far larger: the contract refuses it before any service sees it.
    const huge = refused(await clinic.call('doctors.uploadPhoto', { base64: 'A'.repeat(PHOTO_MAX_BASE64 + 4) }, doctor.token));
    expect(huge).toMatchObject({ code: 'VALIDATION', fields: { base64: 'photo_too_large' } });
    // Exactly 2 MB is still fine.
    const limit = Buffer.concat([bytesOf(PNG_BASE64), Buffer.alloc(PHOTO_MAX_BYTES - bytesOf(PNG_BASE64).length)]);
    expect(await everything(clinic)).toEqual(before);
    ok(await clinic.call('doctors.uploadPhoto', { base64: limit.toString('base64') }, doctor.token));
    expect(await storedFiles(clinic)).toHaveLength(1);
  });

  it('is removed with its file; only doctors have a photo to change', async () => {
    const clinic = await newClinic();
    const doctor = await signupDoctor(clinic);
    ok(await clinic.call('doctors.uploadPhoto', { base64: PNG_BASE64 }, doctor.token));
    const removed = ok(await clinic.call('doctors.removePhoto', {}, doctor.token));
    expect(removed.photo).toBeUndefined();
    expect(await storedFiles(clinic)).toEqual([]);
    // Nothing to remove: nothing happens.
    await expectNoWrites(clinic.app, async () => ok(await clinic.call('doctors.removePhoto', {}, doctor.token)));

    const patient = await signupPatient(clinic);
    expect(refused(await clinic.call('doctors.uploadPhoto', { base64: PNG_BASE64 }, patient.token)).code).toBe('FORBIDDEN');
    expect(await storedFiles(clinic)).toEqual([]);
  });

  it('is seen from every seat of a multi-seat clinic', async (t) => {
    const clinic = await newClinic();
    if (!clinic.databaseUrl) return t.skip('a single-seat clinic (SQLite) has one seat');
    const doctor = await signupDoctor(clinic);
    ok(await clinic.call('doctors.uploadPhoto', { base64: JPEG_BASE64 }, doctor.token));
    // Another computer: its own (empty) data folder, the same clinic database.
    const seat = await enrolledSeat(clinic);
    const r = await seat.dispatch('doctors.myProfile', {}, doctor.token);
    expect(r).toMatchObject({ ok: true, data: { photo: `data:image/jpeg;base64,${JPEG_BASE64}` } });
  });
});

describe("a doctor's profile", () => {
  it('sets introduction, languages and which contact details patients see', async () => {
    const clinic = await newClinic();
    const doctor = await practisingDoctor(clinic);
    const patient = await signupPatient(clinic);
    const fresh = ok(await clinic.call('doctors.myProfile', {}, doctor.token));
    expect(fresh).toMatchObject({ showEmail: false, showPhone: false, suspended: null });

    const saved = ok(await clinic.call('doctors.updateProfile', { bio: '  Heart failure clinic.  ', languages: ['English', 'Konkani'], showEmail: true, showPhone: false }, doctor.token));
    expect(saved).toMatchObject({ bio: 'Heart failure clinic.', languages: ['English', 'Konkani'], showEmail: true, showPhone: false });
    const shown = ok(await clinic.call('doctors.profile', { doctorId: doctor.doctorId }, patient.token));
    expect(shown).toMatchObject({ bio: 'Heart failure clinic.', languages: ['English', 'Konkani'], email: doctor.email });
    expect(shown.phone).toBeUndefined();
    expect(JSON.parse((await auditRows(clinic.app, 'doctor.profile_updated'))[0]!.detail)).toEqual({
      doctorId: doctor.doctorId, changed: ['bio', 'languages', 'showEmail'],
    });

    // Search shows the new languages and the photo at once (its catalog follows every change).
    ok(await clinic.call('doctors.uploadPhoto', { base64: PNG_BASE64 }, doctor.token));
    const found = ok(await clinic.call('doctors.search', { language: 'konkani' }, patient.token));
    expect(found.map((d) => [d.id, d.hasPhoto])).toEqual([[doctor.doctorId, true]]);

    // An empty introduction clears it; no language at all is refused.
    expect(ok(await clinic.call('doctors.updateProfile', { bio: ' ', languages: ['Hindi'], showEmail: false, showPhone: true }, doctor.token)).bio).toBeUndefined();
    const none = refused(await clinic.call('doctors.updateProfile', { languages: [], showEmail: false, showPhone: true }, doctor.token));
    expect(none).toMatchObject({ code: 'VALIDATION', fields: { languages: 'languages_required' } });
  });
});

describe('inviting a doctor', () => {
  it('sends a one-time code by email, keeps only its hash, pre-fills the sign-up and is used by it', async () => {
    const clinic = await newClinic();
    const invited = ok(await clinic.call('admin.inviteDoctor', { email: 'Farah.Sheikh@Example.in', fullName: 'Dr Farah Sheikh' }, clinic.adminToken));
    expect(invited).toMatchObject({ email: 'farah.sheikh@example.in', fullName: 'Dr Farah Sheikh', expiresAt: '2026-03-16T04:30:00.000Z' });
    expect(invited.code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);

    // The email carries the code; the database does not.
    const mail = (await outboxRows(clinic.app)).filter((m) => m.kind === 'doctor_invitation');
    expect(mail.map((m) => m.recipient)).toEqual(['farah.sheikh@example.in']);
    expect(mail[0]!.text).toContain(invited.code);
    const stored = await clinic.app.deps.db.selectFrom('doctor_invitations').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(invited.code);
    expect(JSON.stringify(stored)).not.toContain(invited.code.replace(/-/g, ''));
    const audit = await auditRows(clinic.app, 'doctor.invited');
    expect(audit.map((r) => JSON.parse(r.detail))).toEqual([{ email: 'farah.sheikh@example.in' }]);
    expect(JSON.stringify(await auditRows(clinic.app))).not.toContain(invited.code);

    // Typed as a person might: lower case, spaces for dashes.
    const typed = invited.code.toLowerCase().replace(/-/g, ' ');
    expect(ok(await clinic.call('doctors.invitation', { code: typed }))).toEqual({
      email: 'farah.sheikh@example.in', fullName: 'Dr Farah Sheikh', expiresAt: '2026-03-16T04:30:00.000Z',
    });
    expect(ok(await clinic.call('admin.invitations', {}, clinic.adminToken)).map((i) => [i.email, i.status])).toEqual([['farah.sheikh@example.in', 'open']]);

    const doctor = await signupDoctor(clinic, { ...doctorSignupInput({ fullName: 'Dr Farah Sheikh' }), email: 'farah.sheikh@example.in', invitationCode: invited.code });
    // Still checked by the administrator like any other sign-up.
    expect(ok(await clinic.call('doctors.me', {}, doctor.token)).status).toBe('pending');
    expect(ok(await clinic.call('admin.invitations', {}, clinic.adminToken)).map((i) => i.status)).toEqual(['used']);
    expect(refused(await clinic.call('doctors.invitation', { code: invited.code }))).toMatchObject({ code: 'VALIDATION', fields: { code: 'code_used' } });
  });

  it('refuses an expired code, at the look-up and at the sign-up, and writes nothing', async () => {
    const clinic = await newClinic();
    const invited = ok(await clinic.call('admin.inviteDoctor', { email: 'farah@example.in' }, clinic.adminToken));
    clinic.clock.advanceMinutes(14 * 24 * 60 - 1);
    expect(ok(await clinic.call('doctors.invitation', { code: invited.code })).fullName).toBeNull();
    clinic.clock.advanceMinutes(1);

    const late = refused(await clinic.call('doctors.invitation', { code: invited.code }));
    expect(late).toMatchObject({ code: 'VALIDATION', message: 'This invitation code has expired. Ask the clinic for a new one.', fields: { code: 'code_expired' } });
    const signup = await expectNoWrites(clinic.app, () =>
      clinic.call('doctors.signup', { ...doctorSignupInput(), email: 'farah@example.in', invitationCode: invited.code }),
    );
    expect(refused(signup)).toMatchObject({ code: 'VALIDATION', fields: { invitationCode: 'code_expired' } });
    const admin = ok(await signIn(clinic, ADMIN_EMAIL, PASSWORD));
    expect(ok(await clinic.call('admin.invitations', {}, admin.token)).map((i) => i.status)).toEqual(['expired']);
  });

  it('refuses a wrong code and an address that has an account; a new invitation replaces the old code', async () => {
    const clinic = await newClinic();
    expect(refused(await clinic.call('doctors.invitation', { code: 'AAAA-BBBB-CCCC' }))).toMatchObject({ code: 'VALIDATION', fields: { code: 'code_unknown' } });
    expect(refused(await clinic.call('doctors.invitation', { code: 'not a code' }))).toMatchObject({ code: 'VALIDATION', fields: { code: 'code_invalid' } });

    const patient = await signupPatient(clinic, patientSignupInput({ email: 'asha@example.in' }));
    const taken = await expectNoWrites(clinic.app, () => clinic.call('admin.inviteDoctor', { email: patient.email }, clinic.adminToken));
    expect(refused(taken)).toMatchObject({ code: 'CONFLICT', fields: { email: 'email_taken' } });

    const first = ok(await clinic.call('admin.inviteDoctor', { email: 'farah@example.in' }, clinic.adminToken));
    const second = ok(await clinic.call('admin.inviteDoctor', { email: 'farah@example.in', fullName: 'Dr Farah Sheikh' }, clinic.adminToken));
    expect(refused(await clinic.call('doctors.invitation', { code: first.code })).fields).toEqual({ code: 'code_unknown' });
    expect(ok(await clinic.call('doctors.invitation', { code: second.code })).fullName).toBe('Dr Farah Sheikh');

    // Signing up with the invited address, code or not, settles the invitation.
    await signupDoctor(clinic, { ...doctorSignupInput(), email: 'farah@example.in' });
    expect(refused(await clinic.call('doctors.invitation', { code: second.code })).fields).toEqual({ code: 'code_used' });
    // Only the administrator invites.
    expect(refused(await clinic.call('admin.inviteDoctor', { email: 'x@example.in' }, patient.token)).code).toBe('FORBIDDEN');
  });
});

describe('suspending a doctor', () => {
  it('hides them from the directory and search, refuses booking and practice, until reinstated', async () => {
    const clinic = await newClinic();
    const { doctor, asha } = await bookingClinic(clinic);
    const other = await practisingDoctor(clinic, 'Dr Lakshmi Iyer');
    const listed = async () => ok(await clinic.call('doctors.directory', {}, asha.token)).map((d) => d.id);
    const searched = async () => ok(await clinic.call('doctors.search', {}, asha.token)).map((d) => d.id);
    expect((await listed()).sort()).toEqual([doctor.doctorId, other.doctorId].sort());

    const suspended = ok(await clinic.call('admin.suspendDoctor', { doctorId: doctor.doctorId, reason: 'Registration lapsed; renewal awaited.' }, clinic.adminToken));
    expect(suspended).toMatchObject({ id: doctor.doctorId, suspendedAt: clinic.clock.now().toISOString(), suspendedReason: 'Registration lapsed; renewal awaited.' });
    expect(await listed()).toEqual([other.doctorId]);
    expect(await searched()).toEqual([other.doctorId]);
    expect(refused(await clinic.call('doctors.profile', { doctorId: doctor.doctorId }, asha.token)).code).toBe('NOT_FOUND');
    const booking = await expectNoWrites(clinic.app, () =>
      clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '09:00'), mode: 'in_person' }, asha.token),
    );
    expect(refused(booking)).toMatchObject({ code: 'NOT_FOUND', message: 'This doctor is not taking appointments.' });
    // Cannot practise: their hours and diary are closed to them; they see why on their profile.
    expect(refused(await clinic.call('availability.get', {}, doctor.token)).code).toBe('FORBIDDEN');
    expect(ok(await clinic.call('doctors.myProfile', {}, doctor.token)).suspended).toEqual({ at: clinic.clock.now().toISOString(), reason: 'Registration lapsed; renewal awaited.' });
    expect(JSON.parse((await auditRows(clinic.app, 'doctor.suspended'))[0]!.detail)).toEqual({ doctorId: doctor.doctorId, reason: 'Registration lapsed; renewal awaited.' });

    const again = refused(await clinic.call('admin.suspendDoctor', { doctorId: doctor.doctorId, reason: 'Once more, to be sure.' }, clinic.adminToken));
    expect(again.code).toBe('CONFLICT');

    const back = ok(await clinic.call('admin.reinstateDoctor', { doctorId: doctor.doctorId }, clinic.adminToken));
    expect(back).toMatchObject({ suspendedAt: null, suspendedReason: null });
    expect((await listed()).sort()).toEqual([doctor.doctorId, other.doctorId].sort());
    expect((await searched()).sort()).toEqual([doctor.doctorId, other.doctorId].sort());
    ok(await clinic.call('appointments.book', { doctorId: doctor.doctorId, start: ist(TUESDAY, '09:00'), mode: 'in_person' }, asha.token));
    expect(await auditRows(clinic.app, 'doctor.reinstated')).toHaveLength(1);
    expect(refused(await clinic.call('admin.reinstateDoctor', { doctorId: doctor.doctorId }, clinic.adminToken)).code).toBe('CONFLICT');
  });

  it("lists the suspended doctors' booked appointments still to come for the front desk, recording each patient seen", async () => {
    const clinic = await newClinic();
    const { doctor, asha, vikram, desk } = await bookingClinic(clinic);
    const other = await practisingDoctor(clinic, 'Dr Lakshmi Iyer');
    const book = async (doctorId: number, token: string, date: string, time: string) =>
      ok(await clinic.call('appointments.book', { doctorId, start: ist(date, time), mode: 'in_person' }, token));
    const soon = await book(doctor.doctorId, asha.token, '2026-03-02', '12:30');
    const tuesday = await book(doctor.doctorId, vikram.token, TUESDAY, '09:00');
    const cancelled = await book(doctor.doctorId, asha.token, WEDNESDAY, '09:00');
    ok(await clinic.call('appointments.cancel', { appointmentId: cancelled.id, reason: 'Feeling better now' }, asha.token));
    const wednesday = await book(doctor.doctorId, asha.token, WEDNESDAY, '10:00');
    await book(other.doctorId, asha.token, TUESDAY, '11:00');
    // The first one is over by the time the doctor is suspended (everyone has signed in again meanwhile).
    clinic.clock.advanceMinutes(4 * 60);
    desk.token = ok(await signIn(clinic, desk.email, PASSWORD)).token;
    asha.token = ok(await signIn(clinic, asha.email, PASSWORD, 'patient')).token;
    clinic.adminToken = ok(await signIn(clinic, ADMIN_EMAIL, PASSWORD)).token;

    expect(ok(await clinic.call('admin.suspendedAppointments', {}, desk.token))).toEqual([]);
    ok(await clinic.call('admin.suspendDoctor', { doctorId: doctor.doctorId, reason: 'Registration lapsed; renewal awaited.' }, clinic.adminToken));
    const list = ok(await clinic.call('admin.suspendedAppointments', {}, desk.token));
    expect(list).toEqual([
      {
        appointmentId: tuesday.id, doctorId: doctor.doctorId, doctorName: 'Dr Rohan Mehta', patientId: vikram.patientId,
        patientName: 'Vikram Rao', patientPhone: '9822055555', start: ist(TUESDAY, '09:00'), end: ist(TUESDAY, '09:15'), mode: 'in_person',
      },
      expect.objectContaining({ appointmentId: wednesday.id, patientName: 'Asha Kulkarni', start: ist(WEDNESDAY, '10:00') }),
    ]);
    expect(list.map((a) => a.appointmentId)).not.toContain(soon.id);
    const seen = await auditRows(clinic.app, 'appointment.rearrange_viewed');
    // One look, one row naming every patient shown.
    expect(seen.map((r) => [r.actor_user_id, r.patient_id, JSON.parse(r.detail).patientIds])).toEqual([
      [desk.id, null, [asha.patientId, vikram.patientId].sort((a, b) => a - b)],
    ]);

    const doctors = ok(await clinic.call('admin.listDoctors', {}, clinic.adminToken));
    expect(doctors.map((d) => [d.fullName, d.upcoming, d.suspendedAt !== null])).toEqual([
      ['Dr Lakshmi Iyer', 1, false],
      ['Dr Rohan Mehta', 2, true],
    ]);
    // The administrator sees the list too; a patient does not.
    expect(ok(await clinic.call('admin.suspendedAppointments', {}, clinic.adminToken))).toHaveLength(2);
    expect(refused(await clinic.call('admin.suspendedAppointments', {}, asha.token)).code).toBe('FORBIDDEN');
    // The front desk moves one to another doctor; it leaves the list.
    ok(await clinic.call('appointments.cancel', { appointmentId: tuesday.id, reason: 'Doctor unavailable; rebooked with Dr Iyer' }, desk.token));
    expect(ok(await clinic.call('admin.suspendedAppointments', {}, desk.token)).map((a) => a.appointmentId)).toEqual([wednesday.id]);
  });

  it('is for verified doctors only, with a reason, by the administrator', async () => {
    const clinic = await newClinic({ withDoctor: true });
    const pending = await signupDoctor(clinic);
    const e = refused(await clinic.call('admin.suspendDoctor', { doctorId: pending.doctorId, reason: 'Registration lapsed.' }, clinic.adminToken));
    expect(e.code).toBe('CONFLICT');
    const doctor = await practisingDoctor(clinic, 'Dr Imran Khan');
    const noReason = await expectNoWrites(clinic.app, () => clinic.call('admin.suspendDoctor', { doctorId: doctor.doctorId, reason: ' ' }, clinic.adminToken));
    expect(refused(noReason)).toMatchObject({ code: 'VALIDATION', fields: { reason: 'reason_required' } });
    const self = ok(await clinic.call('doctors.me', {}, clinic.adminToken));
    expect(refused(await clinic.call('admin.suspendDoctor', { doctorId: self.id, reason: 'Testing myself.' }, clinic.adminToken)).code).toBe('CONFLICT');
    const desk = await readyFrontDesk(clinic);
    expect(refused(await clinic.call('admin.suspendDoctor', { doctorId: doctor.doctorId, reason: 'Registration lapsed.' }, desk.token)).code).toBe('FORBIDDEN');
    expect(refused(await clinic.call('admin.suspendDoctor', { doctorId: 9999, reason: 'Registration lapsed.' }, clinic.adminToken)).code).toBe('NOT_FOUND');
  });
});
