import type { mailChannels } from '../../../shared/contract/mail';
import { mailSettings, saveMailSettings } from '../mail/mail-settings';
import { sendTest } from '../mail/notify';
import * as outbox from '../outbox/outbox.service';
import type { HandlersOf } from './index';

export const mailHandlers = {
  'mail.settings': (_, ctx) => mailSettings(ctx),
  'mail.saveSettings': (input, ctx) => saveMailSettings(ctx, input),
  'mail.sendTest': (input, ctx) => sendTest(ctx, input.to),
  'mail.queue': (input, ctx) => outbox.queue(ctx, input),
  'mail.retry': (input, ctx) => outbox.retry(ctx, input.id),
} satisfies HandlersOf<keyof typeof mailChannels>;
