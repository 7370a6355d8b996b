import type { monitoringChannels } from '../../../shared/contract/monitoring';
import * as plans from '../monitoring/plans.service';
import * as readings from '../monitoring/readings.service';
import { summaryPdf } from '../monitoring/summary-pdf';
import * as visits from '../monitoring/visits.service';
import type { HandlersOf } from './index';

export const monitoringHandlers = {
  'readings.add': (input, ctx) => readings.add(ctx, input),
  'readings.import': (input, ctx) => readings.importCsv(ctx, input),
  'monitoring.mine': (input, ctx) => readings.mine(ctx, input.range),
  'monitoring.defaults': async () => plans.defaults(),
  'monitoring.enrol': (input, ctx) => plans.enrol(ctx, input),
  'monitoring.patients': (_, ctx) => plans.patients(ctx),
  'monitoring.patient': (input, ctx) => plans.patient(ctx, input.patientId, input.range),
  'monitoring.alerts': (input, ctx) => plans.alerts(ctx, input.handled),
  'monitoring.acknowledge': (input, ctx) => plans.acknowledge(ctx, input),
  'monitoring.logVisit': (input, ctx) => visits.logVisit(ctx, input),
  'monitoring.summaryPdf': (input, ctx) => summaryPdf(ctx, input.patientId, input.range),
} satisfies HandlersOf<keyof typeof monitoringChannels>;
