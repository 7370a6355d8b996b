import type { z } from 'zod';
import { accountChannels } from './accounts';
import { mailChannels } from './mail';
import { schedulingChannels } from './scheduling';

/**
 * The one contract between screens and the application: for each `domain.action` channel, the input the
 * dispatcher accepts, the output it returns and who may call it. Each domain keeps its channels in its own file.
 */
export const contract = {
  ...accountChannels,
  ...mailChannels,
  ...schedulingChannels,
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type Input<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>;
export type Output<C extends ChannelName> = z.output<Contract[C]['output']>;

export const isChannel = (name: unknown): name is ChannelName => typeof name === 'string' && Object.hasOwn(contract, name);

export * from './accounts';
export * from './mail';
export * from './scheduling';
