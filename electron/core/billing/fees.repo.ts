import type { Kysely } from 'kysely';
import type { FeeKind } from '../../../shared/contract';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;
export type OwnFees = Record<FeeKind, number | null>;

const COLUMNS = ['consultation_in_person', 'consultation_online', 'lab_test', 'medication', 'other'] as const satisfies readonly FeeKind[];

export const NO_FEES: OwnFees = { consultation_in_person: null, consultation_online: null, lab_test: null, medication: null, other: null };

export async function ownFees(db: Db, doctorId: number): Promise<OwnFees> {
  const row = await db.selectFrom('doctor_fees').select(COLUMNS).where('doctor_id', '=', doctorId).executeTakeFirst();
  return row ?? NO_FEES;
}

export const saveOwnFees = (db: Db, doctorId: number, fees: OwnFees, nowIso: string) =>
  db
    .insertInto('doctor_fees')
    .values({ doctor_id: doctorId, ...fees, updated_at: nowIso })
    .onConflict((oc) => oc.column('doctor_id').doUpdateSet({ ...fees, updated_at: nowIso }))
    .execute();
