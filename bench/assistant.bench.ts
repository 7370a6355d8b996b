// The health assistant with its full knowledge base on the large clinic (10,000 verified doctors, 1,000,000
// appointments): every answer through the dispatcher as the patient's window asks it (session, understanding, red
// flags written as alerts, doctors with their next free slot, the patient's own appointments). The baseline is the
// understanding alone against what a first version would write: every known phrase compared, by edit distance, with
// every stretch of the message.
import { assistantKnowledge } from '../electron/core/assistant/knowledge';
import { understand } from '../electron/core/assistant/understand';
import { plain, wordsOf } from '../electron/core/assistant/words';
import type { SearchResult } from '../shared/contract';
import { benchClinic, benchPatient, loadAverage } from './clinic-data';
import { count, median, ms, percentile, ratio, withTempDir, type Benchmark } from './lib';

const ROUNDS = 40;

/** Questions as patients type them: conditions, typos, Hindi and Hinglish, negation, doctors, their own records, emergencies. */
const QUESTIONS: { text: string; language: 'en' | 'hi' }[] = [
  { text: 'What are the symptoms of dengue?', language: 'en' },
  { text: 'how to prevent malaria', language: 'en' },
  { text: 'diabetis diet what should i eat', language: 'en' },
  { text: 'hypertention', language: 'en' },
  { text: 'डेंगू क्या है', language: 'hi' },
  { text: 'sugar ki bimari ka ilaj', language: 'en' },
  { text: 'mujhe fever hai aur headache bhi', language: 'en' },
  { text: 'no fever, just a runny nose and sneezing', language: 'en' },
  { text: 'I need a cardiologist', language: 'en' },
  { text: 'which doctor for back pain', language: 'en' },
  { text: 'bachon ka doctor chahiye', language: 'hi' },
  { text: 'when is my next appointment', language: 'en' },
  { text: 'what is my video link', language: 'en' },
  { text: 'how do I cancel my appointment', language: 'en' },
  { text: 'seene mein tez dard', language: 'en' },
  { text: 'thank you', language: 'en' },
  { text: 'what is the capital of France', language: 'en' },
  { text: 'गले में खराश और खांसी', language: 'hi' },
];

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** The baseline: every name of every concept against every stretch of the message of as many words. */
function naiveConcepts(text: string, phrases: { id: string; text: string; words: number }[]): string[] {
  const words = wordsOf(text).map((w) => w.text);
  const found = new Set<string>();
  for (const p of phrases) {
    for (let i = 0; i + p.words <= words.length; i++) {
      if (editDistance(words.slice(i, i + p.words).join(' '), p.text) <= (p.text.length >= 8 ? 2 : 1)) found.add(p.id);
    }
  }
  return [...found];
}

export const assistantBench: Benchmark = {
  name: 'assistant-answer',
  async run(log) {
    await withTempDir(async (dir) => {
      const clinic = await benchClinic(dir);
      const { app, call } = clinic;
      try {
        // A patient with an upcoming online consultation, so the personal questions have rows to read.
        const patient = await benchPatient(clinic);
        const [doctor] = await call<SearchResult[]>('doctors.search', { speciality: 'cardiology', mode: 'online', sort: 'next_slot' }, patient.token);
        await call('appointments.book', { doctorId: doctor!.id, start: doctor!.nextSlot!.start, mode: 'online' }, patient.token);

        const askOnce = async (q: (typeof QUESTIONS)[number]) => {
          const r = await app.dispatch('assistant.ask', q, patient.token);
          if (!r.ok) throw new Error(`assistant.ask: ${r.error.message}`);
        };
        // The first question reads the knowledge and builds the phrase index (and doctor search's catalog).
        const c0 = performance.now();
        await askOnce(QUESTIONS[0]!);
        const cold = performance.now() - c0;

        const k = assistantKnowledge();
        const names = [...k.conditions.values(), ...k.symptoms.values()].map((c) => [c.id, c.names] as const).concat([...k.signs], [...k.specialities]);
        const phrases = names.flatMap(([id, n]) => [...n.en, ...n.hi, ...n.roman].map((p) => plain(p)).map((text) => ({ id, text, words: text.split(/\s+/).length })));

        const answers: number[] = [];
        const ours: number[] = [];
        const naive: number[] = [];
        const perKind = QUESTIONS.map(() => [] as number[]);
        const timed = async (fn: () => unknown) => {
          const t = performance.now();
          await fn();
          return performance.now() - t;
        };
        for (let round = -2; round < ROUNDS; round++) {
          for (const [i, q] of QUESTIONS.entries()) {
            const a = await timed(() => askOnce(q));
            const u = await timed(() => understand(q.text, q.language));
            const n = await timed(() => naiveConcepts(q.text, phrases));
            if (round < 0) continue;
            answers.push(a);
            perKind[i]!.push(a);
            ours.push(u);
            naive.push(n);
          }
        }
        if (process.env.MEDLINK_BENCH_VERBOSE) {
          QUESTIONS.forEach((q, i) => log(`    ${q.text.padEnd(48)} median ${ms(median(perKind[i]!))} p95 ${ms(percentile(perKind[i]!, 95))}`));
        }
        const alerts = await app.deps.db.selectFrom('assistant_alerts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        log(`bench assistant-answer: p95 ${ms(percentile(answers, 95))} ms, understanding p95 ${ms(percentile(ours, 95))} ms, ${ratio(percentile(naive, 95), percentile(ours, 95))} vs naive phrase scan`);
        log(
          `  answers: median ${ms(median(answers))} ms, p99 ${ms(percentile(answers, 99))} ms over ${count(answers.length)} questions of ${QUESTIONS.length} kinds, ` +
            `through the dispatcher with a patient's session (${Number(alerts.n)} red-flag alerts written); first question ${ms(cold)} ms (knowledge, phrase index, doctor catalog)`,
        );
        log(
          `  understanding: median ${ms(median(ours))} ms; naive scan of ${count(phrases.length)} phrases: median ${ms(median(naive))} ms, p95 ${ms(percentile(naive, 95))} ms; ` +
            `knowledge: ${k.conditions.size} conditions, ${k.symptoms.size} symptoms, ${k.flags.size} red flags; ${count(clinic.appointments)} appointments; ${loadAverage()}`,
        );
      } finally {
        await app.close();
      }
    });
  },
};
