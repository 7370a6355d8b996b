import type { searchChannels } from '../../../shared/contract/search';
import { profile } from '../search/profile.service';
import { search } from '../search/search.service';
import type { HandlersOf } from './index';

export const searchHandlers = {
  'doctors.search': (input, ctx) => search(ctx, input),
  'doctors.profile': (input, ctx) => profile(ctx, input.doctorId),
} satisfies HandlersOf<keyof typeof searchChannels>;
