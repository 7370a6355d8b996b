import type { ChannelName, Output, ParsedInput } from '../../../shared/contract';
import type { Ctx } from '../context';
import { accountHandlers } from './accounts';
import { billingHandlers } from './billing';
import { clinicKeyHandlers } from './clinic-key';
import { deskHandlers } from './desk';
import { doctorAdminHandlers } from './doctor-admin';
import { healthServiceHandlers } from './health-services';
import { mailHandlers } from './mail';
import { schedulingHandlers } from './scheduling';
import { searchHandlers } from './search';
import { seatHandlers } from './seat';

type Handler<C extends ChannelName> = (input: ParsedInput<C>, ctx: Ctx) => Promise<Output<C>>;
/** The handlers of some channels; each domain file types its own map with it. */
export type HandlersOf<K extends ChannelName> = { [C in K]: Handler<C> };

/** Every channel of the contract, and only those: a missing or extra entry does not compile. */
export const handlers = {
  ...accountHandlers,
  ...billingHandlers,
  ...clinicKeyHandlers,
  ...deskHandlers,
  ...doctorAdminHandlers,
  ...healthServiceHandlers,
  ...mailHandlers,
  ...schedulingHandlers,
  ...searchHandlers,
  ...seatHandlers,
} satisfies HandlersOf<ChannelName>;
