import type { HealthService, ParsedInput } from '../../../shared/contract';
import type { BillCategory } from '../../../shared/gst';
import { record } from '../audit/audit.service';
import { DomainError, requireSession, type Ctx } from '../context';
import { unprintable } from '../pdf/document';
import * as repo from './health-services.repo';

// The clinic's catalogue of services it sells on its own. A service is never deleted (orders and bills name
// it): the administrator makes it inactive, and patients no longer see it.

const toService = (r: repo.ServiceRow): HealthService => ({
  id: r.id,
  kind: r.kind as HealthService['kind'],
  name: r.name,
  description: r.description,
  pricePaise: r.price_paise,
  category: r.category as BillCategory,
  active: r.active === 1,
});

export const catalogue = async (ctx: Ctx) => (await repo.activeServices(ctx.db)).map(toService);
export const all = async (ctx: Ctx) => (await repo.allServices(ctx.db)).map(toService);

export async function save(ctx: Ctx, input: ParsedInput<'healthServices.save'>): Promise<HealthService> {
  const admin = requireSession(ctx);
  // The name is printed on receipts.
  const missing = unprintable(input.name);
  if (missing.length) {
    throw new DomainError('VALIDATION', `Receipts cannot print ${missing.join(' ')}: write the name in English letters.`, { fields: { name: 'not_printable' } });
  }
  if (input.id !== undefined && !(await repo.serviceById(ctx.db, input.id))) throw new DomainError('NOT_FOUND', 'No service has this number.');
  const twin = await repo.serviceNamed(ctx.db, input.name);
  if (twin && twin.id !== input.id) throw new DomainError('CONFLICT', 'Another service already has this name.', { fields: { name: 'service_name_taken' } });
  const nowIso = ctx.now.toISOString();
  const columns = {
    kind: input.kind, name: input.name, description: input.description, price_paise: input.pricePaise, category: input.category,
    active: input.active ? 1 : 0, updated_at: nowIso,
  };
  let id = input.id;
  if (id === undefined) id = await repo.insertService(ctx.db, { ...columns, created_at: nowIso });
  else await repo.updateService(ctx.db, id, columns);
  await record(ctx, { action: 'health_service.saved', actorId: admin.userId, detail: { name: input.name } });
  return toService((await repo.serviceById(ctx.db, id))!);
}
