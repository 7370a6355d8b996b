import { createHash } from 'node:crypto';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { zonedParts } from '../../../shared/clinic-time';
import { patientExport, type Output, type PatientExport } from '../../../shared/contract';
import { record } from '../audit/audit.service';
import { DomainError, inTransaction, requireSession, type Ctx, type Deps, type Session } from '../context';
import { mayActFor } from '../patients/acting-for';
import { patientById } from '../patients/patients.repo';
import { gather } from './patient-data';
import { summaryPdf } from './summary-pdf';

// A patient's own data as one ZIP (shared/contract/export.ts describes it), in two steps. In the call's
// transaction: who may have it, the audit row, and every row it holds. After the commit: the files, read or
// rendered one at a time, each in a short transaction of its own (other calls are answered in between, and on
// SQLite they share one connection), added to the ZIP and let go, so only the ZIP itself is held whole. Files that
// are compressed already (PDFs, images) are stored as they are; the JSON is deflated.

const JSON_NAME = 'medlink-export.json';
const COMPRESSED = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/webp']);

/** The patient whose data the caller may export: the front desk any patient's; a patient their own and their family's. */
async function exportable(ctx: Ctx, patientId: number) {
  const session = requireSession(ctx);
  const patient = await patientById(ctx.db, patientId);
  if (session.roles.includes('front_desk')) {
    if (!patient) throw new DomainError('NOT_FOUND', 'No patient has this number.');
    return patient;
  }
  if (!patient || !(await mayActFor(ctx, patientId))) {
    throw new DomainError('FORBIDDEN', 'You can export only your own data and that of the family members on your account.');
  }
  return patient;
}

export type StagedExport = Awaited<ReturnType<typeof gather>>;

export async function stageExport(ctx: Ctx, patientId: number): Promise<StagedExport> {
  const patient = await exportable(ctx, patientId);
  await record(ctx, { action: 'patient.exported', actorId: requireSession(ctx).userId, patientId: patient.id });
  return gather(ctx, patient);
}

export async function writeExport({ content, files }: StagedExport, deps: Deps, session: Session | null): Promise<Output<'export.patient'>> {
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    parts.push(chunk);
  });
  const listed: PatientExport['files'] = [];
  const add = (path: string, mime: string, bytes: Uint8Array) => {
    const entry = COMPRESSED.has(mime) ? new ZipPassThrough(path) : new ZipDeflate(path, { level: 6 });
    entry.mtime = content.exportedAt;
    zip.add(entry);
    entry.push(bytes, true);
    if (path !== JSON_NAME) listed.push({ path, mime, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  };

  for (const file of files) {
    const bytes = await inTransaction(deps, (ctx) => file.read(Object.assign(ctx, { session })));
    if (bytes) add(file.path, file.mime, bytes);
    else file.unreadable();
  }
  add('summary.pdf', 'application/pdf', await summaryPdf(content));
  // Checked against its own schema, so the published shape and what is written cannot drift apart.
  const json = patientExport.parse({ ...content, files: listed });
  add(JSON_NAME, 'application/json', Buffer.from(`${JSON.stringify(json, null, 2)}\n`));
  zip.end();

  const name = `medlink-export-${content.patient.id}-${zonedParts(new Date(content.exportedAt), content.clinic.timeZone).date}.zip`;
  return { fileName: name, mime: 'application/zip', base64: Buffer.concat(parts.splice(0)).toString('base64') };
}
