import { z } from 'zod';
import type { Role } from '../roles';

/** A channel: the input the dispatcher accepts, the output it returns and who may call it. */
export interface Channel<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  /**
   * `public`: no session needed; `any`: any signed-in person; `optional`: no session needed, but a token that comes
   * must be a live session, which the handler then sees (general questions from a kiosk, personal ones signed in).
   */
  roles: readonly Role[] | 'public' | 'any' | 'optional';
}
export const channel = <I extends z.ZodType, O extends z.ZodType>(c: Channel<I, O>) => c;

export const none = z.strictObject({});
export const ok = z.object({ done: z.literal(true) });
