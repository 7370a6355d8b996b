import type { uploadChannels } from '../../../shared/contract/uploads';
import * as uploads from '../uploads/uploads.service';
import type { HandlersOf } from './index';

export const uploadHandlers = {
  'uploads.begin': (input, ctx) => uploads.begin(ctx, input),
  'uploads.chunk': (input, ctx) => uploads.chunk(ctx, input),
  'uploads.cancel': (input, ctx) => uploads.cancel(ctx, input),
} satisfies HandlersOf<keyof typeof uploadChannels>;
