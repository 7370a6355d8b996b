import { placeOfSupply, supplyOf } from '../../../shared/gst';
import type { IndianState } from '../../../shared/specialities';
import { clinicSettings } from '../clinic/clinic.service';
import { DomainError, type Ctx } from '../context';
import { doctorById, educationOf } from '../doctors/doctors.repo';
import { mailCatalog } from '../mail/templates';
import { patientById } from '../patients/patients.repo';
import { unprintable } from '../pdf/document';
import type { BillRow } from './bills.repo';
import { needsLatinSpelling } from './names';
import type { FrozenBill } from './receipt';

const printable = (text: string | null | undefined): text is string => !!text && unprintable(text).length === 0;

/** The name a receipt prints: as written, or the Latin spelling kept for it; refused when it needs one and has none. */
function printedName(name: string, latin: string | null, field: 'patientLatinName' | 'doctorLatinName', whose: string): string {
  if (!needsLatinSpelling(name)) return name;
  if (latin) return latin;
  throw new DomainError('VALIDATION', `Receipts print names in English letters: enter the ${whose} name as it is spelt on documents.`, {
    fields: { [field]: 'latin_name_required' },
  });
}

/**
 * The bill's parties and visit as they are now, as the receipt will print them for good. The clinic's own details
 * must be printable (the administrator corrects them in Clinic settings); a patient's address or a doctor's
 * degree written in another script is left off rather than printed as empty boxes. Checked before the bill's
 * number is taken, so a refusal holds up no other seat.
 */
export async function freeze(ctx: Ctx, row: BillRow, replaces: string | null): Promise<Omit<FrozenBill, 'number'>> {
  const clinic = await clinicSettings(ctx);
  if (!clinic) throw new DomainError('CONFLICT', 'The clinic is not set up yet.');
  for (const [what, text] of [['name', clinic.name], ['address', clinic.address]] as const) {
    if (!printable(text)) {
      throw new DomainError('CONFLICT', `Receipts cannot print the clinic's ${what} as it is written. The administrator can write it in English letters in Clinic settings.`);
    }
  }
  const patient = (await patientById(ctx.db, row.patient_id))!;
  const state = patient.state as IndianState;
  const address = [patient.address_line, patient.city, patient.pin_code].filter(printable).join(', ');
  const frozen: Omit<FrozenBill, 'number'> = {
    issuedAt: ctx.now.toISOString(),
    timeZone: clinic.timeZone,
    supply: supplyOf(clinic.gstin, state),
    placeOfSupply: placeOfSupply(state),
    clinic: { name: clinic.name, address: clinic.address, gstin: clinic.gstin ?? null, phone: clinic.phone ?? null, email: clinic.email ?? null },
    patient: {
      id: patient.id,
      name: printedName(patient.full_name, patient.latin_name, 'patientLatinName', "patient's"),
      phone: patient.phone,
      address: address ? `${address}, ${state}` : state,
    },
    doctor: null,
    visit:
      row.appointment_id !== null
        ? { kind: 'appointment', number: row.appointment_number!, start: row.appointment_start!, mode: row.appointment_mode as 'online' | 'in_person' }
        : { kind: 'service_order', orderId: row.service_order_id!, serviceName: row.service_name!, date: row.order_date },
    replaces,
  };
  if (row.doctor_id !== null) {
    const doctor = (await doctorById(ctx.db, row.doctor_id))!;
    const degrees = ((await educationOf(ctx.db, [doctor.id])).get(doctor.id) ?? []).map((e) => e.degree).filter(printable);
    const speciality = doctor.speciality === 'other' ? doctor.speciality_other : mailCatalog('en').speciality![doctor.speciality];
    frozen.doctor = {
      name: printedName(doctor.full_name, doctor.latin_name, 'doctorLatinName', "doctor's"),
      qualifications: degrees.join(', '),
      speciality: printable(speciality) ? speciality : '',
      registration: `Reg. no. ${doctor.registration_number}${printable(doctor.registration_council) ? `, ${doctor.registration_council}` : ''}`,
    };
  }
  return frozen;
}
