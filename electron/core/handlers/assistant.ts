import type { assistantChannels } from '../../../shared/contract/assistant';
import { countAlerts, handleAlert, listAlerts } from '../assistant/alerts.service';
import { ask } from '../assistant/assistant.service';
import type { HandlersOf } from './index';

export const assistantHandlers = {
  'assistant.ask': (input, ctx) => ask(ctx, input),
  'alerts.list': (_, ctx) => listAlerts(ctx),
  'alerts.count': (_, ctx) => countAlerts(ctx),
  'alerts.handle': (input, ctx) => handleAlert(ctx, input.alertId),
} satisfies HandlersOf<keyof typeof assistantChannels>;
