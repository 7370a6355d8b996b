import type { ChannelName, Output, ParsedInput } from '../../../shared/contract';
import type { Ctx, Deps } from '../context';
import { accountHandlers } from './accounts';
import { assistantHandlers } from './assistant';
import { billingHandlers } from './billing';
import { backupHandlers } from './backup';
import { clinicKeyHandlers } from './clinic-key';
import { deskHandlers } from './desk';
import { doctorAdminHandlers } from './doctor-admin';
import { familyHandlers } from './family';
import { healthServiceHandlers } from './health-services';
import { kioskHandlers } from './kiosk';
import { mailHandlers } from './mail';
import { monitoringHandlers } from './monitoring';
import { printHandlers } from './print';
import { recordHandlers } from './records';
import { schedulingHandlers } from './scheduling';
import { searchHandlers } from './search';
import { seatHandlers } from './seat';
import { seriesHandlers } from './series';
import { uploadHandlers } from './uploads';
import { videoHandlers } from './video';
import { waitlistHandlers } from './waitlist';

type Prepare<I> = (input: I, deps: Deps, token: string | undefined) => Promise<unknown>;
type Handler<C extends ChannelName> = ((input: ParsedInput<C>, ctx: Ctx) => Promise<Output<C>>) & { prepare?: Prepare<ParsedInput<C>> };

/**
 * A handler with slow work that needs no transaction (bcrypt: a quarter of a second at cost 12): `prepare` runs
 * first, outside it, so other calls do not queue behind it; `run` gets its result inside the transaction and
 * checks that what it relied on still holds.
 */
export function withPrepared<I, O, P>(
  prepare: (input: I, deps: Deps, token: string | undefined) => Promise<P>,
  run: (input: I, ctx: Ctx, prepared: P) => Promise<O>,
): ((input: I, ctx: Ctx) => Promise<O>) & { prepare: Prepare<I> } {
  return Object.assign((input: I, ctx: Ctx) => run(input, ctx, ctx.prepared as P), { prepare });
}
/** The handlers of some channels; each domain file types its own map with it. */
export type HandlersOf<K extends ChannelName> = { [C in K]: Handler<C> };

/** Every channel of the contract, and only those: a missing or extra entry does not compile. */
export const handlers = {
  ...accountHandlers,
  ...assistantHandlers,
  ...billingHandlers,
  ...backupHandlers,
  ...clinicKeyHandlers,
  ...deskHandlers,
  ...doctorAdminHandlers,
  ...familyHandlers,
  ...healthServiceHandlers,
  ...kioskHandlers,
  ...mailHandlers,
  ...monitoringHandlers,
  ...printHandlers,
  ...recordHandlers,
  ...schedulingHandlers,
  ...searchHandlers,
  ...seatHandlers,
  ...seriesHandlers,
  ...uploadHandlers,
  ...videoHandlers,
  ...waitlistHandlers,
} satisfies HandlersOf<ChannelName>;
