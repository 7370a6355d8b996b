// Reading the catalog: every searchable doctor, their education, schedule and hours, and the clinic's holidays.
import type { Kysely } from 'kysely';
import type { Speciality } from '../../../shared/specialities';
import { weeklyModes } from '../availability/slots';
import { effectiveFees, feeDefaultsFrom } from '../billing/billing-settings';
import { NO_FEES } from '../billing/fees.repo';
import { dialectOf } from '../db/dialects';
import type { Database } from '../db/schema';
import { rulesOf } from '../scheduling/availability.service';
import { Catalog, type DoctorEntry } from './catalog';
import * as repo from './search.repo';
import { normalize } from './text';

const group = <T extends { doctor_id: number }>(rows: T[]) => {
  const map = new Map<number, T[]>();
  for (const r of rows) {
    const list = map.get(r.doctor_id);
    if (list) list.push(r);
    else map.set(r.doctor_id, [r]);
  }
  return map;
};

/** Reads every searchable doctor (in the caller's transaction, so one consistent snapshot on either database) into a catalog under `key`. */
export async function loadCatalog(db: Kysely<Database>, key: string, timeZone: string): Promise<Catalog> {
  return build(await repo.catalogRows(db, dialectOf(db)), key, timeZone);
}

/**
 * The catalog as the database holds it now, under the key its counters give, with the busy-time counter: the
 * rows and the counters in one snapshot and, on PostgreSQL, one round trip.
 */
export async function loadCurrentCatalog(db: Kysely<Database>): Promise<{ catalog: Catalog; busy: string }> {
  const read = await repo.catalogRows(db, dialectOf(db));
  const { key, timeZone, busy } = repo.versionsOf(read.settings);
  return { catalog: build(read, key, timeZone), busy };
}

function build(read: Awaited<ReturnType<typeof repo.catalogRows>>, key: string, timeZone: string): Catalog {
  const settings = new Map(read.settings.map((s) => [s.key, s.value]));
  const education = group(read.education);
  const schedules = new Map(read.schedules.map((s) => [s.doctor_id, s]));
  const availability = group(read.availability);
  const holidays = read.holidays.map((h) => h.date);
  const defaults = feeDefaultsFrom(settings);
  const own = new Map(read.fees.map((f) => [f.doctor_id, f]));
  const doctors = read.doctors;
  const docs: DoctorEntry[] = doctors.map((d) => {
    const rules = rulesOf(timeZone, holidays, schedules.get(d.id), availability.get(d.id) ?? []);
    const languages = JSON.parse(d.languages) as string[];
    const fees = effectiveFees(own.get(d.id) ?? NO_FEES, defaults);
    return {
      id: d.id,
      fullName: d.full_name,
      hasPhoto: d.photo_file !== null,
      speciality: d.speciality as Speciality,
      specialityOther: d.speciality_other ?? undefined,
      qualifications: (education.get(d.id) ?? []).map((e) => ({ degree: e.degree, institution: e.institution, year: e.year })),
      hospital: d.hospital,
      experienceYears: d.experience_years,
      languages,
      languageKeys: new Set(languages.map((l) => l.trim().toLowerCase())),
      modes: weeklyModes(rules),
      rules,
      nameRank: 0,
      fees: { in_person: fees.consultation_in_person, online: fees.consultation_online },
    };
  });
  // By name without case or accents (a collator per comparison would cost more than the rest of the build).
  const keys = docs.map((d) => normalize(d.fullName));
  [...docs.keys()]
    .sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : docs[a]!.id - docs[b]!.id))
    .forEach((doc, rank) => {
      docs[doc]!.nameRank = rank;
    });
  return new Catalog(key, timeZone, docs, new Set(holidays));
}
