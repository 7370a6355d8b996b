// Answering one message: understand it, raise a red flag for the clinic first, then answer from the knowledge and,
// for a signed-in patient's own questions, from that patient's rows alone.
import type { AssistantAnswer, AssistantBlock, ParsedInput } from '../../../shared/contract';
import type { Ctx } from '../context';
import { patientByUser } from '../patients/patients.repo';
import { raiseAlert } from './alerts.service';
import { INTENTS } from './intents';
import { assistantKnowledge } from './knowledge';
import { understand } from './understand';

/** The asker's own patient record, found from the session alone (never from anything in the message). */
async function askingPatient(ctx: Ctx): Promise<number | null> {
  if (!ctx.session?.roles.includes('patient')) return null;
  return (await patientByUser(ctx.db, ctx.session.userId))?.id ?? null;
}

export async function ask(ctx: Ctx, input: ParsedInput<'assistant.ask'>): Promise<AssistantAnswer> {
  const k = assistantKnowledge();
  const u = understand(input.text, input.language, k);
  const patientId = await askingPatient(ctx);
  if (u.flags.length) await raiseAlert(ctx, patientId, input.text, u.flags);
  const intent = INTENTS[u.intent];
  const blocks: AssistantBlock[] =
    intent.personal && patientId === null
      ? [{ kind: 'reply', reply: 'signIn' }]
      : [...(intent.knowledge?.(u, k) ?? []), ...((await intent.data?.(ctx, u, k, patientId)) ?? [])];
  return { language: u.language, intent: u.intent, blocks, healthNote: intent.health === true, suggestions: intent.suggestions?.(u, k) ?? [] };
}
