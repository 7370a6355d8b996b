import type { ParsedInput } from '../../../shared/contract';
import { record } from '../audit/audit.service';
import { usersWithRole } from '../auth/auth.repo';
import { createAccount, type TemporaryPassword } from '../auth/auth.service';
import { requireSession, type Ctx } from '../context';

const toMember = (u: { id: number; full_name: string; email: string; phone: string; created_at: string }) => ({
  id: u.id, fullName: u.full_name, email: u.email, phone: u.phone, createdAt: u.created_at,
});

export async function list(ctx: Ctx) {
  return (await usersWithRole(ctx.db, 'front_desk')).map(toMember);
}

/** Front-desk accounts start with a one-time password the administrator hands over. */
export async function create(ctx: Ctx, input: ParsedInput<'admin.createStaff'>, temp: TemporaryPassword) {
  const admin = requireSession(ctx);
  const id = await createAccount(ctx, { ...input, passwordHash: temp.hash, roles: ['front_desk'], mustChangePassword: true });
  await record(ctx, { action: 'staff.created', actorId: admin.userId, detail: { userId: id, role: 'front_desk' } });
  return { id, fullName: input.fullName, email: input.email, phone: input.phone, createdAt: ctx.now.toISOString(), temporaryPassword: temp.password };
}
