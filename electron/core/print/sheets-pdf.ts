import type { ClinicSettings } from '../../../shared/contract';
import { formatCheckInCode } from '../../../shared/check-in-code';
import { zonedParts } from '../../../shared/clinic-time';
import type { Mode } from '../availability/slots';
import { qrPng } from '../mail/qr-image';
import { newDocument, type PdfWriter } from '../pdf/document';
import { contactLine, longDay, timeRange, when } from '../pdf/wording';

// The sheets the desk and the doctors print (the day list, a doctor's day, a patient's slip) as PDFs, in English
// like the receipts; names in the Latin spelling given for documents where there is one (billing/names.ts).
// Each sheet opens with the clinic's name and contact, so a patient holding it knows whom to call.

export interface SheetRow {
  start: string;
  end: string;
  patient: string;
  /** A family member's account holder. */
  contact: string | null;
  /** The desk's list gives the phone; a doctor's own day does not. */
  phone?: string;
  number: number;
  reason: string | null;
  mode: Mode;
  status: 'booked' | 'checked_in' | 'completed' | 'no_show';
}

/** A doctor on the day list, or a day of a doctor's week, with its appointments in start order. */
export interface SheetSection {
  heading: string;
  aside?: string;
  rows: SheetRow[];
}

const MODES: Record<Mode, string> = { in_person: 'In person', online: 'Online' };
const STATUSES: Record<Exclude<SheetRow['status'], 'booked'>, string> = { checked_in: 'Checked in', completed: 'Completed', no_show: 'No-show' };

/** The clinic's name and contact at the head of the sheet, its title and what it is of beside them. */
async function sheet(clinic: ClinicSettings, title: string, subtitle: string, printedAt: Date) {
  const doc = await newDocument({
    title: `${title} · ${subtitle}`,
    author: clinic.name,
    subject: title,
    createdAt: printedAt,
    footer: `${clinic.name} · ${title} · ${subtitle} · printed ${when(printedAt.toISOString(), clinic.timeZone, true)}`,
  });
  doc.row([
    { text: clinic.name, width: 0.6, bold: true, size: 15 },
    { text: title, width: 0.4, bold: true, size: 15, align: 'right' },
  ]);
  doc.row([
    { text: [clinic.address, contactLine(clinic)].filter(Boolean).join('\n'), width: 0.6, muted: true },
    { text: subtitle, width: 0.4, align: 'right' },
  ]);
  doc.rule();
  return doc;
}

/** The day list, or a doctor's day or week: a table of appointments under each section's heading. */
export async function appointmentsPdf(input: {
  clinic: ClinicSettings;
  title: string;
  subtitle: string;
  sections: SheetSection[];
  printedAt: Date;
}): Promise<Buffer> {
  const { clinic } = input;
  const doc = await sheet(clinic, input.title, input.subtitle, input.printedAt);
  if (input.sections.length === 0) doc.text('No appointments.', { muted: true });
  for (const s of input.sections) {
    doc.keep(60);
    doc.row([
      { text: s.heading, width: 0.6, bold: true, size: 11 },
      { text: s.aside ?? '', width: 0.4, muted: true, align: 'right' },
    ]);
    doc.space(4);
    if (s.rows.length === 0) doc.text('No appointments.', { muted: true });
    else table(doc, s, clinic.timeZone);
    doc.space(14);
  }
  return Buffer.from(await doc.finish());
}

/** Columns sized so a time, phone, booking number and kind of visit each keep to one line; names and reasons wrap. */
function table(doc: PdfWriter, s: SheetSection, timeZone: string): void {
  const phone = s.rows.some((r) => r.phone);
  const columns = [
    { header: 'Time', width: 0.2 },
    { header: 'Patient', width: phone ? 0.22 : 0.28 },
    ...(phone ? [{ header: 'Phone', width: 0.12 }] : []),
    { header: 'Booking no.', width: 0.12 },
    { header: 'Reason', width: phone ? 0.22 : 0.28 },
    { header: 'Visit', width: 0.12 },
  ];
  const rows = s.rows.map((r) => [
    timeRange(r.start, r.end, timeZone),
    r.contact ? `${r.patient}\ncontact: ${r.contact}` : r.patient,
    ...(phone ? [r.phone ?? ''] : []),
    String(r.number),
    r.reason ?? '—',
    // Most visits on a list are still to come; the others say how they went.
    r.status === 'booked' ? MODES[r.mode] : `${MODES[r.mode]}\n${STATUSES[r.status]}`,
  ]);
  doc.table(columns, rows, { continued: `${s.heading} (continued)` });
}

/** The slip the desk hands a patient: the booking number to quote, who and when, and the code for the kiosk. */
export async function slipPdf(input: {
  clinic: ClinicSettings;
  number: number;
  patient: string;
  doctor: string;
  speciality: string;
  start: string;
  end: string;
  mode: Mode;
  checkInCode: string | null;
  printedAt: Date;
}): Promise<Buffer> {
  const { clinic } = input;
  const date = longDay(zonedParts(new Date(input.start), clinic.timeZone).date);
  const doc = await sheet(clinic, 'Appointment slip', `Booking ${input.number}`, input.printedAt);
  doc.space(6);
  doc.row([
    { text: 'Booking no. (quote it to the clinic)', width: 0.3, muted: true },
    { text: String(input.number), width: 0.7, bold: true, size: 18 },
  ]);
  doc.space(4);
  doc.fields([
    ['Patient', input.patient],
    ['Doctor', `${input.doctor} · ${input.speciality}`],
    ['Date and time', `${date}, ${timeRange(input.start, input.end, clinic.timeZone)}`],
    ['Visit', MODES[input.mode]],
  ]);
  if (input.checkInCode) {
    doc.rule();
    doc.row([
      { text: 'Check-in code', width: 0.3, muted: true },
      { text: formatCheckInCode(input.checkInCode), width: 0.7, bold: true, size: 20 },
    ]);
    doc.text('On the day, type this code at the clinic’s kiosk or hold up the QR code to check in.', { muted: true });
    doc.space(6);
    await doc.image(qrPng(input.checkInCode), 96);
  }
  doc.rule();
  doc.text(
    input.mode === 'online'
      ? 'At the time of the appointment, open the video link from your email or from MedLink. To change or cancel, contact the clinic.'
      : 'Please arrive 10 minutes early and bring any earlier prescriptions and test reports. To change or cancel, contact the clinic.',
  );
  if (contactLine(clinic)) doc.text(`${clinic.name}: ${contactLine(clinic)}`, { bold: true });
  return Buffer.from(await doc.finish());
}
