import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { sha256 } from '../../electron/core/files/file-store';
import { newClinic, ok, signupPatient } from '../helpers/clinic';
import { bytesOf, JPEG_BASE64, PNG_BASE64 } from '../helpers/images';
import { practisingDoctor } from '../helpers/scheduling';
import { openSeat, SEATS_TIMEOUT } from '../helpers/seat';

/** What a photo's data URL holds: its type, and its bytes by size and hash (a megabyte compares slowly byte by byte). */
function fromDataUrl(dataUrl: string | undefined) {
  const m = /^data:(image\/(?:png|jpeg));base64,(.*)$/.exec(dataUrl ?? '');
  if (!m) throw new Error(`not a photo's data URL: ${dataUrl?.slice(0, 40)}`);
  return photo(m[1]!, Buffer.from(m[2]!, 'base64'));
}

const photo = (mime: string, bytes: Buffer) => ({ mime, size: bytes.length, sha256: sha256(bytes) });

// A single-seat clinic (SQLite) keeps its files in its own data folder: only PostgreSQL has seats to share them.
describe.skipIf(!inject('postgresUrl'))("a doctor's photo with two seat processes", () => {
  it('stored through one seat is opened through the other with the same bytes; a replacement shows on both', async () => {
    const clinic = await newClinic();
    const doctor = await practisingDoctor(clinic);
    const patient = await signupPatient(clinic);
    const [desk, home] = await Promise.all([openSeat(clinic), openSeat(clinic)]);

    // The other seat has already searched (its catalog is built) and seen no photo.
    expect(ok(await home.call('doctors.search', {}, patient.token)).map((d) => [d.id, d.hasPhoto])).toEqual([[doctor.doctorId, false]]);
    expect(ok(await home.call('doctors.profile', { doctorId: doctor.doctorId }, patient.token)).photo).toBeUndefined();

    // A real PNG with a megabyte of random bytes after it: any byte changed on the way would show.
    const png = Buffer.concat([bytesOf(PNG_BASE64), randomBytes(1024 * 1024)]);
    ok(await desk.call('doctors.uploadPhoto', { base64: png.toString('base64') }, doctor.token));

    const seen = ok(await home.call('doctors.profile', { doctorId: doctor.doctorId }, patient.token));
    expect(fromDataUrl(seen.photo)).toEqual(photo('image/png', png));
    expect(fromDataUrl(ok(await home.call('doctors.myProfile', {}, doctor.token)).photo)).toEqual(photo('image/png', png));
    expect(ok(await home.call('doctors.search', {}, patient.token)).map((d) => [d.id, d.hasPhoto])).toEqual([[doctor.doctorId, true]]);

    // Replaced from the other seat: the first seat shows the new photo, and the clinic keeps only that one file.
    ok(await home.call('doctors.uploadPhoto', { base64: JPEG_BASE64 }, doctor.token));
    const replaced = ok(await desk.call('doctors.profile', { doctorId: doctor.doctorId }, patient.token));
    expect(fromDataUrl(replaced.photo)).toEqual(photo('image/jpeg', bytesOf(JPEG_BASE64)));
    const files = await clinic.app.deps.db.selectFrom('files').select(['id', 'size']).execute();
    const { photo_file } = await clinic.app.deps.db.selectFrom('doctor_info').select('photo_file').where('id', '=', doctor.doctorId).executeTakeFirstOrThrow();
    expect(files.map((f) => [f.id, Number(f.size)])).toEqual([[photo_file, bytesOf(JPEG_BASE64).length]]);
  }, SEATS_TIMEOUT);
});
