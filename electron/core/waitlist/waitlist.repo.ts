import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema';
import { HELD_STATUSES, type DoctorOf } from '../scheduling/appointments.repo';

type Db = Kysely<Database>;
export type EntryRow = Selectable<Database['waitlist_entries']>;
export type OfferRow = Selectable<Database['waitlist_offers']>;

export async function insertEntry(db: Db, row: Insertable<Database['waitlist_entries']>): Promise<number> {
  const { id } = await db.insertInto('waitlist_entries').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export const entryById = (db: Db, id: number) => db.selectFrom('waitlist_entries').selectAll().where('id', '=', id).executeTakeFirst();

export const setEntryStatus = (db: Db, id: number, status: 'booked' | 'left', nowIso: string) =>
  db.updateTable('waitlist_entries').set({ status, updated_at: nowIso }).where('id', '=', id).execute();

/** The patient's place on the doctor's list, if they are still waiting for a day not yet past. */
export const waitingFor = (db: Db, doctorId: number, patientId: number, today: string) =>
  db
    .selectFrom('waitlist_entries')
    .select('id')
    .where('doctor_id', '=', doctorId)
    .where('patient_id', '=', patientId)
    .where('status', '=', 'waiting')
    .where('to_date', '>=', today)
    .executeTakeFirst();

/** Entries still waiting (for a day not yet past), first in line first, with the names a list shows. */
function listed(db: Db, today: string) {
  return db
    .selectFrom('waitlist_entries as w')
    .innerJoin('doctor_info as d', 'd.id', 'w.doctor_id')
    .innerJoin('patient_info as p', 'p.id', 'w.patient_id')
    .leftJoin('patient_info as h', 'h.id', 'p.holder_patient_id')
    .leftJoin('waitlist_offers as o', (j) => j.onRef('o.entry_id', '=', 'w.id').on('o.status', '=', 'open'))
    .selectAll('w')
    .select(['d.full_name as doctor_name', 'p.full_name as patient_name', 'p.phone', 'h.full_name as holder_name'])
    .select(['o.id as offer_id', 'o.start_at as offer_start', 'o.end_at as offer_end', 'o.expires_at as offer_expires', 'o.modes as offer_modes'])
    .where('w.status', '=', 'waiting')
    .where('w.to_date', '>=', today)
    .orderBy('w.created_at')
    .orderBy('w.id');
}
export type ListedEntry = Awaited<ReturnType<ReturnType<typeof listed>['execute']>>[number];

export const entriesOfDoctor = (db: Db, doctorId: number, today: string) => listed(db, today).where('w.doctor_id', '=', doctorId).execute();

export const entriesOfPatients = (db: Db, patientIds: number[], today: string) =>
  patientIds.length ? listed(db, today).where('w.patient_id', 'in', patientIds).execute() : Promise.resolve([]);

/**
 * The doctor's entries still waiting for a day from `today` on and holding no time (no offer open and not run out
 * at `nowIso`), first in line first.
 */
export const entriesToOffer = (db: Db, doctorId: number | DoctorOf, today: string, nowIso: string) =>
  db
    .selectFrom('waitlist_entries as w')
    .innerJoin('patient_info as p', 'p.id', 'w.patient_id')
    .leftJoin('patient_info as h', 'h.id', 'p.holder_patient_id')
    .selectAll('w')
    // The account whose window shows the entry: the patient's own, or a family member's holder's.
    .select((eb) => eb.fn.coalesce('p.user_id', 'h.user_id').as('account_user_id'))
    .where('w.doctor_id', '=', doctorId)
    .where('w.status', '=', 'waiting')
    .where('w.to_date', '>=', today)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('waitlist_offers as o').select('o.id').whereRef('o.entry_id', '=', 'w.id').where('o.status', '=', 'open').where('o.expires_at', '>', nowIso))),
    )
    .orderBy('w.created_at')
    .orderBy('w.id');

/** The doctors with someone waiting (a holiday removed frees time for all of them). */
export const doctorsWithWaiting = async (db: Db, today: string) =>
  (await db.selectFrom('waitlist_entries').select('doctor_id').distinct().where('status', '=', 'waiting').where('to_date', '>=', today).execute()).map((r) => r.doctor_id);

/** The starts ever offered to an entry (taken, declined, let run out): none is offered to it again. */
export const offeredStarts = async (db: Db, entryIds: number[]) =>
  entryIds.length
    ? db.selectFrom('waitlist_offers').select(['entry_id', 'start_at']).where('entry_id', 'in', entryIds).where('status', '!=', 'withdrawn').execute()
    : [];

/** The patients' appointments that hold their time in [fromIso, toIso): a time they are busy is not offered to them. */
export const busyOfPatients = async (db: Db, patientIds: number[], fromIso: string, toIso: string) =>
  patientIds.length
    ? db
        .selectFrom('appointments')
        .select(['patient_id', 'start_at', 'end_at'])
        .where('patient_id', 'in', patientIds)
        .where('status', 'in', HELD_STATUSES)
        .where('start_at', '<', toIso)
        .where('end_at', '>', fromIso)
        .execute()
    : [];

export async function insertOffer(db: Db, row: Insertable<Database['waitlist_offers']>): Promise<number> {
  const { id } = await db.insertInto('waitlist_offers').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export const offerById = (db: Db, id: number) => db.selectFrom('waitlist_offers').selectAll().where('id', '=', id).executeTakeFirst();

/** Ends an open offer; false when it was no longer open. */
export async function closeOffer(db: Db, id: number, set: { status: 'taken' | 'declined' | 'expired' | 'withdrawn'; answered_at: string; appointment_id?: number }) {
  const r = await db.updateTable('waitlist_offers').set(set).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The doctor's open offers whose hold has run out, with whom each was for. */
export const overdueOffers = (db: Db, doctorId: number | DoctorOf, nowIso: string) =>
  db
    .selectFrom('waitlist_offers as o')
    .innerJoin('waitlist_entries as w', 'w.id', 'o.entry_id')
    .innerJoin('patient_info as p', 'p.id', 'w.patient_id')
    .leftJoin('patient_info as h', 'h.id', 'p.holder_patient_id')
    .select(['o.id', 'o.start_at', 'w.patient_id'])
    .select((eb) => eb.fn.coalesce('p.user_id', 'h.user_id').as('account_user_id'))
    .where('o.doctor_id', '=', doctorId)
    .where('o.status', '=', 'open')
    .where('o.expires_at', '<=', nowIso);

export const openOfferOfEntry = (db: Db, entryId: number) =>
  db.selectFrom('waitlist_offers').select('id').where('entry_id', '=', entryId).where('status', '=', 'open').executeTakeFirst();
