import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { encryptInPlace, isPlainDatabase, opensWith, plainSetting } from '../db/sqlite-cipher';
import { CHECK, isClinicKey } from './clinic-key.service';
import type { SeatKey } from './seat-key';

/** The SQLite database's own key, derived from the clinic key so that one key never serves two ciphers. */
export const databaseKey = (clinicKey: Buffer): Buffer => createHmac('sha256', clinicKey).update('MedLink SQLite database key v1').digest();

/** The database exists but this seat holds no key that opens it: the administrator enrols the seat with the recovery code. */
export class DatabaseLockedError extends Error {
  constructor(dataDir: string) {
    super(`The clinic's database in ${dataDir} is encrypted, and this computer holds no clinic key that opens it.`);
  }
}

/** A recovery code (enrolling a locked seat) that does not open this database. */
export class NotThisClinicError extends Error {}

/**
 * The clinic key this seat's SQLite database is opened with. A new clinic: this seat's key, or a new one,
 * on disk before the database exists. A plain database (made before encryption): encrypted in place with it
 * first. `enrolKey` (from a recovery code) is tried instead of the seat's own, and refused unless it is the
 * clinic's. Throws DatabaseLockedError when no key this seat holds opens the database.
 */
export function sqliteClinicKey(file: string, dataDir: string, seat: SeatKey, enrolKey?: Buffer, nativeBinding?: string): Buffer {
  const held = seat.read();
  const candidate = enrolKey ?? held;
  // None yet, or an empty one (made owner-only by a start cut short before SQLite wrote to it): a new clinic.
  if (!existsSync(file) || statSync(file).size === 0) {
    if (enrolKey) throw new NotThisClinicError('There is no clinic database on this computer to enrol.');
    const key = held ?? randomBytes(32);
    if (!held) seat.write(key);
    return key;
  }
  if (isPlainDatabase(file)) {
    const check = plainSetting(file, CHECK, nativeBinding);
    // A database whose key was never made (a first start cut short) gets one now; any other needs its own.
    const key = check ? candidate : (candidate ?? randomBytes(32));
    if (!key || (check && !isClinicKey(key, check))) {
      if (enrolKey) throw new NotThisClinicError("This recovery code belongs to another clinic's database.");
      throw new DatabaseLockedError(dataDir);
    }
    if (!enrolKey && !held) seat.write(key);
    encryptInPlace(file, databaseKey(key), nativeBinding);
    return key;
  }
  if (candidate && opensWith(file, databaseKey(candidate), nativeBinding)) return candidate;
  if (enrolKey) throw new NotThisClinicError("This recovery code belongs to another clinic's database.");
  throw new DatabaseLockedError(dataDir);
}
