import type { deskChannels } from '../../../shared/contract/desk';
import * as desk from '../desk/desk.service';
import type { HandlersOf } from './index';

export const deskHandlers = {
  'patients.registerWalkIn': (input, ctx) => desk.registerWalkIn(ctx, input),
  'patients.linkAccount': (input, ctx) => desk.linkAccount(ctx, input),
  'desk.board': (input, ctx) => desk.board(ctx, input),
} satisfies HandlersOf<keyof typeof deskChannels>;
