import type { recordChannels } from '../../../shared/contract/records';
import * as consultations from '../consultations/consultations.service';
import * as chart from '../records/chart.service';
import * as records from '../records/records.service';
import { takeUpload } from '../uploads/uploads.service';
import { withPrepared, type HandlersOf } from './index';

export const recordHandlers = {
  // The upload is read back and typed (pdf.js for a PDF) before the transaction begins.
  'records.add': withPrepared(
    (input, deps, token) => takeUpload(deps, token, input.uploadId, 'record'),
    (input, ctx, taken) => records.add(ctx, input, taken),
  ),
  'records.mine': (input, ctx) => records.mine(ctx, input),
  'records.trash': (_, ctx) => records.trash(ctx),
  'records.delete': (input, ctx) => records.remove(ctx, input.recordId),
  'records.restore': (input, ctx) => records.restore(ctx, input.recordId),
  'records.share': (input, ctx) => records.share(ctx, input, true),
  'records.unshare': (input, ctx) => records.share(ctx, input, false),
  'records.file': (input, ctx) => records.file(ctx, input.recordId),
  'records.accessLog': (_, ctx) => records.accessLog(ctx),
  'records.myPatients': (_, ctx) => chart.myPatients(ctx),
  'records.patientChart': (input, ctx) => chart.patientChart(ctx, input.patientId),
  'records.findPatient': (input, ctx) => chart.findPatient(ctx, input.phone),
  'records.emergencyAccess': (input, ctx) => chart.emergencyAccess(ctx, input),
  'admin.emergencyAccesses': (_, ctx) => chart.emergencyGrants(ctx),
  'consultations.get': (input, ctx) => consultations.get(ctx, input.appointmentId),
  'consultations.save': (input, ctx) => consultations.save(ctx, input),
  'consultations.mine': (_, ctx) => consultations.mine(ctx),
  'prescriptions.pdf': (input, ctx) => consultations.pdf(ctx, input.appointmentId),
} satisfies HandlersOf<keyof typeof recordChannels>;
