import type { exportChannels } from '../../../shared/contract/export';
import { exportPatient } from '../export/export.service';
import type { HandlersOf } from './index';

export const exportHandlers = {
  'export.patient': (input, ctx) => exportPatient(ctx, input.patientId),
} satisfies HandlersOf<keyof typeof exportChannels>;
