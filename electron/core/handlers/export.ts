import type { exportChannels } from '../../../shared/contract/export';
import { stageExport, writeExport } from '../export/export.service';
import { withFinished, type HandlersOf } from './index';

export const exportHandlers = {
  'export.patient': withFinished((input, ctx) => stageExport(ctx, input.patientId), writeExport),
} satisfies HandlersOf<keyof typeof exportChannels>;
