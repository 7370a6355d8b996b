import type { ChannelName, Output, ParsedInput } from '../../../shared/contract';
import type { Ctx, Deps, Session } from '../context';
import { accountHandlers } from './accounts';
import { assistantHandlers } from './assistant';
import { billingHandlers } from './billing';
import { backupHandlers } from './backup';
import { clinicKeyHandlers } from './clinic-key';
import { deskHandlers } from './desk';
import { doctorAdminHandlers } from './doctor-admin';
import { exportHandlers } from './export';
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
type Finish<O> = (staged: never, deps: Deps, session: Session | null) => Promise<O>;
type Handler<C extends ChannelName> =
  | (((input: ParsedInput<C>, ctx: Ctx) => Promise<Output<C>>) & { prepare?: Prepare<ParsedInput<C>> })
  | (((input: ParsedInput<C>, ctx: Ctx) => Promise<unknown>) & { finish: Finish<Output<C>> });

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
/**
 * A handler with long work after its checks (a patient's whole export): `run` checks, records and reads what it
 * needs inside the transaction; `finish` gets its result once that has committed and does the long part, taking a
 * short transaction of its own wherever it reads more, so other calls are answered in between.
 */
export function withFinished<I, S, O>(
  run: (input: I, ctx: Ctx) => Promise<S>,
  finish: (staged: S, deps: Deps, session: Session | null) => Promise<O>,
): ((input: I, ctx: Ctx) => Promise<S>) & { finish: (staged: S, deps: Deps, session: Session | null) => Promise<O> } {
  return Object.assign((input: I, ctx: Ctx) => run(input, ctx), { finish });
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
  ...exportHandlers,
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
