import type { PatientExport } from '../../../shared/contract';
import auditWording from '../../../renderer/src/i18n/en/clinic.json';
import { findEntries } from '../audit/audit.repo';
import { userById } from '../auth/auth.repo';
import { toSummary, toView as billView } from '../billing/bill-view';
import * as bills from '../billing/bills.repo';
import { documentFilename } from '../billing/documents';
import { clinicSettings } from '../clinic/clinic.service';
import { consultationsOfPatients } from '../consultations/consultations.service';
import { prescriptionPdf } from '../consultations/prescription-pdf';
import { requireSession, type Ctx } from '../context';
import { readStoredFile } from '../files/stored-file';
import * as monitoring from '../monitoring/monitoring.repo';
import { alertViews, planViews, readingView, visitView } from '../monitoring/views';
import { patientById, type PatientRow } from '../patients/patients.repo';
import { recordViews } from '../records/records.service';
import * as records from '../records/records.repo';
import { appointmentsOfPatients, historyOf } from '../scheduling/appointments.repo';

// What MedLink holds about one patient, gathered from each domain's own reads: the JSON's content, and the files
// to put beside it. Files are read (or rendered) one at a time when the ZIP is written, each in a call of its own.

/** A file for the ZIP, read when its turn comes; `unreadable` clears the JSON's pointer to it when it cannot be. */
export interface PendingFile {
  path: string;
  mime: string;
  read: (ctx: Ctx) => Promise<Uint8Array | null>;
  unreadable: () => void;
}

export type ExportContent = Omit<PatientExport, 'files'>;

const AUDIT_PAGE = 1000;
const PDF = 'application/pdf';

/** A name from the patient's computer, kept readable but safe as one path segment inside a ZIP. */
const safeName = (name: string) => name.replace(/[\p{Cc}/\\:*?"<>|]+/gu, '_').replace(/^\.+/, '_').slice(-120) || 'file';

/** The audit action as the clinic's log screen words it in English. */
function describe(action: string): string {
  const [area, what] = [action.slice(0, action.indexOf('.')), action.slice(action.indexOf('.') + 1)];
  const words = auditWording.admin.audit.actions as Record<string, Record<string, string>>;
  return words[area]?.[what] ?? action;
}

/** Every audit row about the patient, newest first, a page at a time. */
async function auditLog(ctx: Ctx, patientId: number): Promise<ExportContent['auditLog']> {
  const out: ExportContent['auditLog'] = [];
  for (let beforeId: number | undefined; ; ) {
    const page = await findEntries(ctx.db, { patientId, beforeId, limit: AUDIT_PAGE });
    // Only who, when and what: a row's detail can name other patients (a list the desk looked at).
    out.push(...page.map((r) => ({ id: r.id, at: r.at, by: r.actor_name, action: r.action, description: describe(r.action) })));
    if (page.length < AUDIT_PAGE) return out;
    beforeId = page.at(-1)!.id;
  }
}

const parsed = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

function profileOf(p: PatientRow, holder: PatientRow | undefined): ExportContent['patient'] {
  return {
    id: p.id, fullName: p.full_name, latinName: p.latin_name, email: p.email, phone: p.phone, dateOfBirth: p.date_of_birth,
    birthEstimated: Number(p.birth_estimated) === 1, sex: p.sex, addressLine: p.address_line, city: p.city, state: p.state, pinCode: p.pin_code,
    bloodGroup: p.blood_group, allergies: p.allergies, medicalHistory: p.medical_history, chronicConditions: p.chronic_conditions,
    currentMedications: p.current_medications, emergencyContactName: p.emergency_contact_name, emergencyContactPhone: p.emergency_contact_phone,
    preferredLanguage: p.preferred_language, accountHolder: holder?.full_name ?? null, relation: p.relation, createdAt: p.created_at, updatedAt: p.updated_at,
  };
}

export async function gather(ctx: Ctx, patient: PatientRow): Promise<{ content: ExportContent; files: PendingFile[] }> {
  const session = requireSession(ctx);
  const clinic = (await clinicSettings(ctx))!;
  const files: PendingFile[] = [];
  const holder = patient.holder_patient_id === null ? undefined : await patientById(ctx.db, patient.holder_patient_id);

  const appointmentRows = await appointmentsOfPatients(ctx.db, [patient.id]);
  const appointments: ExportContent['appointments'] = [];
  for (const a of appointmentRows) {
    const history = (await historyOf(ctx.db, a.id)).map((h) => ({ at: h.at, by: h.actor_name, change: h.change, from: parsed(h.from_value), to: parsed(h.to_value) }));
    appointments.push({
      id: a.id, number: a.number, doctorName: a.doctor_name, start: a.start_at, end: a.end_at, mode: a.mode as 'online' | 'in_person',
      status: a.status as ExportContent['appointments'][number]['status'], reason: a.reason, cancelReason: a.cancel_reason,
      queueNumber: a.queue_number, bookedAt: a.created_at, history,
    });
  }

  const consultations: ExportContent['consultations'] = (await consultationsOfPatients(ctx, [patient.id])).map((view) => {
    const { canEdit: _, patientId: __, patientName: ___, ...c } = view;
    const appointment = appointmentRows.find((a) => a.id === c.appointmentId)!;
    const entry = { ...c, prescriptionFile: c.items.length ? `prescriptions/prescription-${c.appointmentNumber}.pdf` : null };
    if (entry.prescriptionFile) {
      files.push({
        path: entry.prescriptionFile, mime: PDF,
        read: (at) => prescriptionPdf(at, appointment, view),
        unreadable: () => (entry.prescriptionFile = null),
      });
    }
    return entry;
  });

  // A stored file of the patient's (a record, a receipt): null when it is gone or was altered (then audited).
  const stored = (fileId: string) => async (at: Ctx) => {
    const file = await readStoredFile(at, fileId, patient.id);
    return file === 'altered' ? null : (file?.bytes ?? null);
  };

  const recordRows = [...(await records.recordsOfPatient(ctx.db, patient.id)), ...(await records.trashOfPatient(ctx.db, patient.id))];
  const views = await recordViews(ctx, recordRows, true);
  const recordEntries: ExportContent['records'] = recordRows.map((r, i) => {
    const entry = { ...views[i]!, deletedAt: r.deleted_at, file: `records/${r.id}-${safeName(r.file_name)}` as string | null };
    files.push({ path: entry.file!, mime: r.mime, read: stored(r.file_id), unreadable: () => (entry.file = null) });
    return entry;
  });

  const billRows = await bills.listBills(ctx.db, { patientIds: [patient.id], issuedOnly: true, limit: Number.MAX_SAFE_INTEGER });
  const billEntries: ExportContent['bills'] = [];
  for (const row of billRows.reverse()) {
    const view = await billView(ctx, row, { session, isPatient: true, isDoctor: false, isDesk: false, isAdmin: false });
    const { patientId: _, patientName: __, ...summary } = toSummary(row);
    const creditNote = view.creditNote ? await bills.creditNoteOf(ctx.db, row.id) : undefined;
    const entry: ExportContent['bills'][number] = {
      ...summary, lines: view.lines, payments: view.payments, creditNote: view.creditNote,
      receiptFile: row.receipt_file && row.number ? `receipts/${documentFilename('Receipt', row.number)}` : null,
      creditNoteFile: creditNote?.file_id ? `receipts/${documentFilename('Credit-note', creditNote.number)}` : null,
    };
    if (entry.receiptFile) files.push({ path: entry.receiptFile, mime: PDF, read: stored(row.receipt_file!), unreadable: () => (entry.receiptFile = null) });
    if (entry.creditNoteFile) files.push({ path: entry.creditNoteFile, mime: PDF, read: stored(creditNote!.file_id), unreadable: () => (entry.creditNoteFile = null) });
    billEntries.push(entry);
  }

  const content: ExportContent = {
    format: 'medlink-patient-export',
    version: 1,
    exportedAt: ctx.now.toISOString(),
    exportedBy: (await userById(ctx.db, session.userId))!.full_name,
    clinic: { name: clinic.name, address: clinic.address, timeZone: clinic.timeZone },
    patient: profileOf(patient, holder),
    appointments,
    consultations,
    records: recordEntries,
    bills: billEntries,
    monitoring: {
      plans: await planViews(ctx, await monitoring.plansOfPatient(ctx.db, patient.id)),
      readings: (await monitoring.readingsOf(ctx.db, patient.id)).map(readingView),
      alerts: await alertViews(ctx, await monitoring.alertsOf(ctx.db, { patientId: patient.id })),
      visits: (await monitoring.visitsOf(ctx.db, patient.id)).map(visitView),
    },
    auditLog: await auditLog(ctx, patient.id),
  };
  return { content, files };
}
