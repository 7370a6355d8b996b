import { useSession } from '../session/session';
import { useLoad } from '../ui/useLoad';

export interface FamilyPerson {
  id: number;
  fullName: string;
}

/** Whom the signed-in patient can book for: themselves first, then their family members; null while loading. */
export function useFamily(): FamilyPerson[] | null {
  const { invoke } = useSession();
  const me = useLoad(invoke, 'patients.me', {});
  const family = useLoad(invoke, 'family.list', {});
  if (!me.data || !family.data) return null;
  return [me.data, ...family.data].map((p) => ({ id: p.id, fullName: p.fullName }));
}
