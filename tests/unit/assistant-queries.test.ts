import { describe, expect, it } from 'vitest';
import type { AssistantBlock } from '../../shared/contract';
import type { Language } from '../../shared/specialities';
import { INTENTS } from '../../electron/core/assistant/intents';
import { assistantKnowledge } from '../../electron/core/assistant/knowledge';
import { understand } from '../../electron/core/assistant/understand';
import { plain } from '../../electron/core/assistant/words';
import table from './assistant-queries.json';

// The query table (assistant-queries.json) was written before the matcher was tuned; every case must be understood
// as written there. The suite fails below 95% overall, and on any missed red flag.

interface Case {
  q: string;
  screen?: Language;
  intent: string;
  conditions?: string[];
  sections?: string[];
  symptoms?: string[];
  absent?: string[];
  speciality?: string;
  flags?: string[];
  topic?: string;
  language?: string;
  facts?: string[];
  /** For a question about fees: the doctor's name it asks for, or null for none. */
  doctor?: string | null;
  /** 'second': written after the matcher's first run (reported apart). */
  batch?: string;
}
const cases = table.cases as Case[];

/** The words an answer's knowledge shows a reader (names, paragraphs, list items, advice), not its ids. */
function shownText(blocks: AssistantBlock[]): string {
  return blocks
    .flatMap((b) => {
      if (b.kind === 'condition') return [b.name, ...b.sections.flatMap((s) => [s.text ?? '', ...s.items])];
      if (b.kind === 'symptoms') return [...b.symptoms.flatMap((s) => [s.name, s.advice]), ...b.related.map((r) => r.name)];
      return [];
    })
    .join(' ');
}

const missing = (expected: string[] | undefined, got: readonly string[]) => (expected ?? []).filter((e) => !got.includes(e));

function problems(c: Case): string[] {
  const k = assistantKnowledge();
  const u = understand(c.q, c.screen ?? 'en');
  const out: string[] = [];
  if (u.intent !== c.intent) out.push(`intent ${u.intent}, expected ${c.intent}`);
  const lists: [string, string[] | undefined, readonly string[]][] = [
    ['conditions', c.conditions, u.conditions], ['sections', c.sections, u.sections], ['symptoms', c.symptoms, u.symptoms], ['flags', c.flags, u.flags],
  ];
  for (const [name, expected, got] of lists) {
    const m = missing(expected, got);
    if (m.length) out.push(`${name} lacks ${m.join(', ')} (got ${got.join(', ') || 'none'})`);
  }
  const wrongly = (c.absent ?? []).filter((a) => u.present.includes(a) || u.flags.includes(a));
  if (wrongly.length) out.push(`took ${wrongly.join(', ')} as present`);
  if (c.speciality && u.speciality !== c.speciality) out.push(`speciality ${u.speciality}, expected ${c.speciality}`);
  if (c.topic && u.topic !== c.topic) out.push(`topic ${u.topic}, expected ${c.topic}`);
  if (c.doctor !== undefined && u.doctorName !== c.doctor) out.push(`doctor ${u.doctorName}, expected ${c.doctor}`);
  if (c.language && u.language !== c.language) out.push(`language ${u.language}, expected ${c.language}`);
  const text = plain(shownText(INTENTS[u.intent].knowledge?.(u, k) ?? []));
  const absentFacts = (c.facts ?? []).filter((f) => !text.includes(plain(f)));
  if (absentFacts.length) out.push(`answer lacks ${absentFacts.join(', ')}`);
  return out;
}

describe('the health assistant understands what patients type', () => {
  const results = cases.map((c) => ({ c, problems: problems(c) }));
  const wrong = results.filter((r) => r.problems.length > 0);
  const correct = results.length - wrong.length;
  console.log(`chatbot accuracy: ${correct}/${results.length}`);
  const second = results.filter((r) => r.c.batch === 'second');
  console.log(`  of which written after the matcher's first run: ${second.filter((r) => !r.problems.length).length}/${second.length}`);
  for (const r of wrong) console.log(`  ${r.c.q}: ${r.problems.join('; ')}`);

  it('has at least 150 queries, a red flag of each kind among them', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    const raised = new Set(cases.flatMap((c) => c.flags ?? []));
    expect([...assistantKnowledge().flags.keys()].filter((f) => !raised.has(f) && f !== 'nothing')).toEqual([]);
  });

  it('catches every red flag in the table, and raises none where there is none', () => {
    expect(results.filter((r) => r.c.intent === 'emergency' && r.problems.length).map((r) => `${r.c.q}: ${r.problems.join('; ')}`)).toEqual([]);
    expect(results.filter((r) => r.c.intent !== 'emergency' && understand(r.c.q, r.c.screen ?? 'en').flags.length).map((r) => r.c.q)).toEqual([]);
  });

  it('understands every question about fees, bills and health services', () => {
    expect(results.filter((r) => r.c.batch === 'billing' && r.problems.length).map((r) => `${r.c.q}: ${r.problems.join('; ')}`)).toEqual([]);
  });

  it('understands at least 95% of the table', () => {
    expect(correct / results.length).toBeGreaterThanOrEqual(0.95);
  });
});
