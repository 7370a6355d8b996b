import { formatRupees } from '../../../shared/money';
import { STORED_UNIT } from '../../../shared/monitoring';
import { needsLatinSpelling } from '../billing/names';
import { newDocument, unprintable, type PdfWriter } from '../pdf/document';
import { day, when } from '../pdf/wording';
import type { ExportContent } from './patient-data';

// summary.pdf: the export's content as a person reads it, in English like the clinic's other documents. The fonts
// draw Latin script (pdf-lib does not shape Devanagari): the patient's name prints in the Latin spelling kept for
// documents, and any other text in another script is marked as such, pointing to the JSON that holds it as written.

/** "lab_report" as "Lab report". */
const words = (code: string) => code.charAt(0).toUpperCase() + code.slice(1).replace(/_/g, ' ');

function section(doc: PdfWriter, title: string, empty: boolean) {
  doc.space(10);
  doc.keep(60);
  doc.text(title, { bold: true, size: 12 });
  doc.rule();
  if (empty) doc.text('None.', { muted: true });
}

export async function summaryPdf(data: ExportContent): Promise<Uint8Array> {
  const { patient, clinic } = data;
  const name = needsLatinSpelling(patient.fullName) && patient.latinName ? patient.latinName : patient.fullName;
  const at = (iso: string) => when(iso, clinic.timeZone, true);
  const on = (iso: string) => when(iso, clinic.timeZone);

  const doc = await newDocument({
    title: `MedLink data of ${name}`,
    author: clinic.name,
    subject: `Everything ${clinic.name} holds about ${name} in MedLink`,
    createdAt: new Date(data.exportedAt),
    footer: `${clinic.name} · Data of ${name} (patient no. ${patient.id}) · exported ${at(data.exportedAt)}`,
  });
  doc.row([
    { text: clinic.name, width: 0.6, bold: true, size: 15 },
    { text: 'Your MedLink data', width: 0.4, bold: true, size: 15, align: 'right' },
  ]);
  doc.text(clinic.address, { muted: true });
  doc.space(6);
  doc.text(`Everything the clinic holds about ${name} in MedLink, exported on ${at(data.exportedAt)} by ${data.exportedBy}. `
    + 'medlink-export.json in the same ZIP holds all of it in full, with the files named below.');
  if (unprintable(JSON.stringify(data)).length) {
    doc.space(4);
    doc.text('Some text is written in a script this summary cannot print; it shows as "?" here. medlink-export.json holds it as written.', { muted: true });
  }

  section(doc, 'Profile', false);
  const given = (v: string | null) => v ?? 'Not given';
  doc.fields([
    ['Name', name === patient.fullName ? name : `${name} (${patient.fullName})`],
    ['Patient no.', String(patient.id)],
    ['Date of birth', patient.dateOfBirth ? `${day(patient.dateOfBirth)}${patient.birthEstimated ? ' (estimated)' : ''}` : 'Not given'],
    ['Sex', patient.sex ? words(patient.sex) : 'Not given'],
    ['Mobile', patient.phone],
    ['Email', given(patient.email)],
    ['Address', [patient.addressLine, patient.city, words(patient.state), patient.pinCode].filter(Boolean).join(', ')],
    ['Blood group', given(patient.bloodGroup)],
    ['Allergies', given(patient.allergies)],
    ['Medical history', given(patient.medicalHistory)],
    ['Chronic conditions', given(patient.chronicConditions)],
    ['Current medications', given(patient.currentMedications)],
    ['Emergency contact', patient.emergencyContactName ? `${patient.emergencyContactName}, ${patient.emergencyContactPhone ?? ''}` : 'Not given'],
    ...(patient.accountHolder ? ([['Family of', `${patient.accountHolder}${patient.relation ? ` (${words(patient.relation)})` : ''}`]] as [string, string][]) : []),
  ]);

  section(doc, 'Appointments', data.appointments.length === 0);
  if (data.appointments.length) {
    doc.table(
      [{ header: 'When', width: 0.22 }, { header: 'Booking', width: 0.1 }, { header: 'Doctor', width: 0.22 }, { header: 'Visit', width: 0.12 }, { header: 'What happened', width: 0.34 }],
      data.appointments.map((a) => [
        at(a.start), String(a.number), a.doctorName, a.mode === 'online' ? 'Online' : 'In person',
        // The changes since booking end in its status; one never changed shows its status alone.
        a.history.filter((h) => h.change !== 'booked').map((h) => `${words(h.change)} ${at(h.at)}`).join('; ') || words(a.status),
      ]),
    );
  }

  section(doc, 'Consultations and prescriptions', data.consultations.length === 0);
  for (const c of data.consultations) {
    doc.keep(40);
    doc.text(`${on(c.start)} · ${c.doctorName} · booking ${c.appointmentNumber}`, { bold: true });
    if (c.notes) doc.text(c.notes);
    for (const i of c.items) doc.text(`• ${i.medicine} ${i.strength}: ${i.dose}, ${i.frequency}, for ${i.duration}${i.instructions ? ` (${i.instructions})` : ''}`);
    if (c.prescriptionFile) doc.text(`Prescription: ${c.prescriptionFile}`, { muted: true });
    doc.space(6);
  }

  section(doc, 'Records', data.records.length === 0);
  if (data.records.length) {
    doc.table(
      [{ header: 'Date', width: 0.16 }, { header: 'Title', width: 0.3 }, { header: 'Kind', width: 0.16 }, { header: 'File in this ZIP', width: 0.38 }],
      data.records.map((r) => [day(r.recordDate), r.deletedAt ? `${r.title} (in the trash)` : r.title, words(r.category), r.file ?? 'Could not be read']),
    );
  }

  section(doc, 'Bills', data.bills.length === 0);
  if (data.bills.length) {
    doc.table(
      [{ header: 'Bill', width: 0.24 }, { header: 'Issued', width: 0.16 }, { header: 'Total', width: 0.15, align: 'right' }, { header: 'Paid', width: 0.15, align: 'right' }, { header: 'Status', width: 0.3 }],
      data.bills.map((b) => [
        b.number ?? '', b.issuedAt ? on(b.issuedAt) : '', formatRupees(b.totalPaise), formatRupees(b.paidPaise),
        b.creditNote ? `Cancelled (credit note ${b.creditNote.number})` : b.balancePaise > 0 ? `${formatRupees(b.balancePaise)} due` : 'Paid',
      ]),
    );
  }

  const { plans, readings, alerts, visits } = data.monitoring;
  section(doc, 'Health readings and visits', plans.length + readings.length + visits.length === 0);
  for (const p of plans) doc.text(`Monitored by ${p.doctorName} since ${on(p.startedAt)}: ${p.measures.map((m) => words(m.measure)).join(', ')}.`);
  if (readings.length) {
    doc.table(
      [{ header: 'Taken', width: 0.25 }, { header: 'Measure', width: 0.25 }, { header: 'Value', width: 0.2 }, { header: 'Note', width: 0.3 }],
      readings.map((r) => [
        at(r.takenAt), words(r.measure),
        `${r.value}${r.value2 === null ? '' : `/${r.value2}`} ${STORED_UNIT[r.measure]}${r.pulse === null ? '' : `, pulse ${r.pulse}`}`, r.note ?? '',
      ]),
    );
  }
  for (const v of visits) doc.text(`Visit (${words(v.kind)}) on ${day(v.visitedOn)} by ${v.doctorName}: ${v.notes}`);
  if (alerts.length) {
    doc.space(6);
    doc.text(`Alerts raised for your doctor: ${alerts.length}; see medlink-export.json.`, { muted: true });
  }

  section(doc, 'Who looked at or changed your data', data.auditLog.length === 0);
  if (data.auditLog.length) {
    doc.table(
      [{ header: 'When', width: 0.25 }, { header: 'Who', width: 0.3 }, { header: 'What', width: 0.45 }],
      data.auditLog.map((e) => [at(e.at), e.by ?? 'MedLink', e.description]),
    );
  }
  return doc.finish();
}
