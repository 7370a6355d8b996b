import type { z } from 'zod';
import { accountChannels } from './accounts';
import { assistantChannels } from './assistant';
import { billingChannels } from './billing';
import { backupChannels } from './backup';
import { clinicKeyChannels } from './clinic-key';
import { deskChannels } from './desk';
import { doctorAdminChannels } from './doctor-admin';
import { doctorProfileChannels } from './doctor-profile';
import { exportChannels } from './export';
import { familyChannels } from './family';
import { healthServiceChannels } from './health-services';
import { kioskChannels } from './kiosk';
import { mailChannels } from './mail';
import { monitoringChannels } from './monitoring';
import { printChannels } from './print';
import { recordChannels } from './records';
import { schedulingChannels } from './scheduling';
import { searchChannels } from './search';
import { seriesChannels } from './series';
import { seatChannels } from './seat';
import { uploadChannels } from './uploads';
import { videoChannels } from './video';
import { waitlistChannels } from './waitlist';

/**
 * The one contract between screens and the application: for each `domain.action` channel, the input the
 * dispatcher accepts, the output it returns and who may call it. Each domain keeps its channels in its own file.
 */
export const contract = {
  ...accountChannels,
  ...assistantChannels,
  ...billingChannels,
  ...backupChannels,
  ...clinicKeyChannels,
  ...deskChannels,
  ...doctorAdminChannels,
  ...doctorProfileChannels,
  ...exportChannels,
  ...familyChannels,
  ...healthServiceChannels,
  ...kioskChannels,
  ...mailChannels,
  ...monitoringChannels,
  ...printChannels,
  ...recordChannels,
  ...schedulingChannels,
  ...searchChannels,
  ...seriesChannels,
  ...seatChannels,
  ...uploadChannels,
  ...videoChannels,
  ...waitlistChannels,
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type Input<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>;
export type Output<C extends ChannelName> = z.output<Contract[C]['output']>;

export const isChannel = (name: unknown): name is ChannelName => typeof name === 'string' && Object.hasOwn(contract, name);

export * from './accounts';
export * from './assistant';
export * from './billing';
export * from './backup';
export * from './clinic-key';
export * from './desk';
export * from './doctor-admin';
export * from './doctor-profile';
export * from './export';
export * from './family';
export * from './health-services';
export * from './invitation-code';
export * from './kiosk';
export * from './mail';
export * from './monitoring';
export * from './records';
export * from './scheduling';
export * from './search';
export * from './series';
export * from './seat';
export * from './uploads';
export * from './video';
export * from './waitlist';
