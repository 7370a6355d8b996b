import type { billingChannels } from '../../../shared/contract/billing';
import { exportCsv } from '../billing/bill-export';
import * as bills from '../billing/bills.service';
import { document } from '../billing/documents';
import * as fees from '../billing/fees.service';
import * as payments from '../billing/payments.service';
import type { HandlersOf } from './index';

export const billingHandlers = {
  'fees.mine': (_, ctx) => fees.mine(ctx),
  'fees.saveMine': (input, ctx) => fees.saveMine(ctx, input),
  'billing.settings': (_, ctx) => fees.settings(ctx),
  'billing.saveSettings': (input, ctx) => fees.saveSettings(ctx, input),
  'bills.open': (input, ctx) => bills.open(ctx, input),
  'bills.get': (input, ctx) => bills.get(ctx, input.billId),
  'bills.saveDraft': (input, ctx) => bills.saveDraft(ctx, input),
  'bills.issue': (input, ctx) => bills.issue(ctx, input),
  'bills.pay': (input, ctx) => payments.pay(ctx, input),
  'bills.creditNote': (input, ctx) => payments.creditNote(ctx, input),
  'bills.list': (input, ctx) => bills.list(ctx, input),
  'bills.mine': (_, ctx) => bills.mine(ctx),
  'bills.document': (input, ctx) => document(ctx, input),
  'bills.collections': (input, ctx) => payments.collections(ctx, input),
  'bills.export': (input, ctx) => exportCsv(ctx, input),
} satisfies HandlersOf<keyof typeof billingChannels>;
