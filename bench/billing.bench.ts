// Receipts and bills (issue 8): rendering a receipt against a blank pdf-lib document, and issuing a bill through
// the dispatcher (number from the counter, parties frozen, receipt rendered and stored, email queued) against a
// raw insert of the bill's row (same encrypted file), on the benchmarks' clinic of 10,000 doctors and 1,000,000 visits.
import { PDFDocument } from 'pdf-lib';
import { lineTax } from '../shared/gst';
import { renderReceipt, type FrozenBill, type ReceiptInput } from '../electron/core/billing/receipt';
import { benchClinic, busyDoctor, frontDesk, loadAverage, pragmas, scaled, walkIns } from './clinic-data';
import { count, ms, percentile, ratio, sample, withTempDir, type Benchmark } from './lib';

const RENDERS = 500;
const ISSUES = scaled(500);
/** Issues and raw inserts alternate in blocks this long, so both see the same state of a shared machine. */
const BLOCK = 50;

const frozen: FrozenBill = {
  number: 'ML/2026-27/000123', issuedAt: '2026-04-14T05:10:00.000Z', timeZone: 'Asia/Kolkata', supply: 'intra', placeOfSupply: '27-Maharashtra',
  clinic: { name: 'Sunrise Clinic', address: '14 Koregaon Park Road, Pune 411001', gstin: '27AAPFU0939F1ZV', phone: '020 2612 3456', email: 'desk@sunrise.example' },
  patient: { id: 4211, name: 'Asha Kulkarni', phone: '9876543210', address: '12 MG Road, Pune, 411001, Maharashtra' },
  doctor: { name: 'Dr. Rohan Mehta', qualifications: 'MBBS, DM Cardiology', speciality: 'Cardiology', registration: 'Reg. no. MMC-2009-4411, Maharashtra Medical Council' },
  visit: { kind: 'appointment', number: 91_233, start: '2026-04-14T04:30:00.000Z', mode: 'in_person' },
  replaces: null,
};
const receiptLine = (description: string, unitPaise: number, quantity = 1) => ({
  description, sacCode: '999312', quantity, unitPaise, ...lineTax({ quantity, unitPaise, rateBp: 1800 }, 'intra'),
});
/** A visit's usual receipt: a consultation, a test and medicines, one payment. */
const typical: ReceiptInput = {
  bill: frozen,
  lines: [receiptLine('Consultation (in person)', 80_000), receiptLine('ECG', 35_000), receiptLine('Medication: atorvastatin 10 mg, 30 tablets', 12_050, 2)],
  payments: [{ method: 'upi', reference: 'UPI-604512', amountPaise: 50_000, receivedAt: '2026-04-14T05:12:00.000Z' }],
  creditNote: null,
};
const long: ReceiptInput = { ...typical, lines: Array.from({ length: 30 }, (_, i) => receiptLine(`Pathology panel item ${i + 1}, with sample collection`, 10_000 + i * 731)) };

export const receiptPdfBench: Benchmark = {
  name: 'receipt-pdf',
  async run(log) {
    const blank = await sample(async () => {
      const pdf = await PDFDocument.create();
      pdf.addPage();
      return pdf.save();
    }, RENDERS, 50);
    // Warm: the fonts are read and parsed by the warm-up renders. CPU time beside it: the machine is shared.
    const cpu = process.cpuUsage();
    const receipts = await sample(() => renderReceipt(typical), RENDERS, 50);
    const cpuUsed = process.cpuUsage(cpu);
    const cpuMs = (cpuUsed.user + cpuUsed.system) / 1000 / (RENDERS + 50);
    const longOnes = await sample(() => renderReceipt(long), 100, 10);
    const p95 = percentile(receipts, 95);
    log(`bench receipt-pdf: p95 ${ms(p95)} ms, ${ratio(percentile(blank, 95), p95)} vs blank pdf-lib document (p95 ${ms(percentile(blank, 95))} ms)`);
    log(
      `  median ${ms(percentile(receipts, 50))} ms (CPU ${ms(cpuMs)} ms each) over ${count(RENDERS)} receipts of 3 lines, ${count((await renderReceipt(typical)).length)} bytes; ` +
        `30 lines over two pages: p95 ${ms(percentile(longOnes, 95))} ms, ${count((await renderReceipt(long)).length)} bytes; goal p95 < 30 ms; ${loadAverage()}`,
    );
  },
};

export const billIssueBench: Benchmark = {
  name: 'bill-issue',
  async run(log) {
    await withTempDir(async (dir) => {
      const clinic = await benchClinic(dir);
      const { app, call } = clinic;
      try {
        const settings = await call<Record<string, unknown>>('settings.get', {}, clinic.adminToken);
        await call('settings.update', { ...settings, gstin: '27AAPFU0939F1ZV' }, clinic.adminToken);
        const doctor = await busyDoctor(clinic);
        const desk = await frontDesk(clinic);
        // The busy doctor's first booked visits, completed, each with a patient who has an email address (so each
        // issue queues its email with the receipt).
        const firstPatient = walkIns(clinic, ISSUES);
        const raw = clinic.raw();
        const visits = raw.prepare("select id from appointments where doctor_id = ? and status = 'booked' order by start_at limit ?").all(doctor.doctorId, ISSUES) as { id: number }[];
        const complete = raw.prepare("update appointments set status = 'completed', patient_id = ? where id = ?");
        raw.transaction(() => visits.forEach((v, i) => complete.run(firstPatient + i, v.id)))();
        const drafts: number[] = [];
        for (const v of visits) drafts.push((await call<{ id: number }>('bills.open', { appointmentId: v.id }, desk.token)).id);

        // Baseline: a raw insert of an issued bill's row, one transaction each, same file and pragmas.
        raw.pragma('synchronous = FULL');
        raw.pragma('foreign_keys = ON');
        const plain = raw.prepare(
          "insert into bills (patient_id, doctor_id, appointment_id, status, number, total_paise, created_by, created_at, updated_at) values (?, ?, ?, 'cancelled', ?, 59000, 1, ?, ?)",
        );
        const lines = [{ description: 'Consultation (in person)', category: 'consultation', quantity: 1, unitPaise: 50_000 }, { description: 'ECG', category: 'lab_test', quantity: 1, unitPaise: 35_000 }];
        const now = new Date().toISOString();
        const issued: number[] = [];
        const inserted: number[] = [];
        for (let at = 0; at < drafts.length; at += BLOCK) {
          const block = drafts.slice(at, at + BLOCK);
          for (const billId of block) {
            const t = performance.now();
            await call('bills.issue', { billId, lines }, desk.token);
            issued.push(performance.now() - t);
          }
          for (const [k] of block.entries()) {
            const i = at + k;
            const t = performance.now();
            plain.run(firstPatient + i, doctor.doctorId, visits[i]!.id, `RAW/${i}`, now, now);
            inserted.push(performance.now() - t);
          }
        }
        const rate = (times: number[]) => times.length / (times.reduce((x, y) => x + y, 0) / 1000);
        const queued = (raw.prepare("select count(*) as n from outbox where kind = 'bill_issued'").get() as { n: number }).n;
        const receipts = (raw.prepare("select count(*) as n from bills where status = 'issued' and receipt_file is not null").get() as { n: number }).n;
        raw.close();
        log(`bench bill-issue: ${Math.round(rate(issued))}/s, ${(rate(issued) / rate(inserted)).toFixed(2)}x vs raw insert (${Math.round(rate(inserted))}/s)`);
        log(
          `  p95 ${ms(percentile(issued, 95))} ms vs ${ms(percentile(inserted, 95))} ms; ${count(issued.length)} bills issued (${count(receipts)} receipts stored, ` +
            `${count(queued)} emails queued) on ${count(clinic.appointments)} appointments; ${await pragmas(app.deps.db)}; ${loadAverage()}`,
        );
      } finally {
        await app.close();
      }
    });
  },
};
