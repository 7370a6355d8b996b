// The assistant's knowledge, read from resources/assistant/ once and checked: conditions, symptoms, danger signs
// and the rules that make them an emergency, the words that decide what is asked, and the suggested questions.
import { readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { SPECIALITIES } from '../../../shared/specialities';
import { resourcePath } from '../resources';
import { specialitySynonyms } from '../search/synonyms';

const text = z.string().trim().min(1);
const list = z.array(text);
/** Ways of saying one thing: English, Hindi in Devanagari, and Hindi typed in Latin letters. */
const names = z.strictObject({ en: list, hi: list, roman: list });
export type Names = z.infer<typeof names>;
const bilingual = <T extends z.ZodType>(t: T) => z.strictObject({ en: t, hi: t });

const conditionText = z.strictObject({
  name: text,
  overview: text,
  symptoms: list.min(1),
  selfCare: list.min(1),
  prevention: list.min(1),
  seeDoctor: list.min(1),
  redFlags: list.min(1),
});
export type ConditionText = z.infer<typeof conditionText>;

const condition = z.strictObject({
  speciality: z.enum(SPECIALITIES),
  names,
  /** Symptoms (symptoms.json) this condition commonly brings. */
  symptoms: z.array(z.string()),
  sources: z.array(z.strictObject({ name: text, url: z.url({ protocol: /^https$/ }) })).min(1),
  ...bilingual(conditionText).shape,
});
export type Condition = z.infer<typeof condition> & { id: string };

const symptom = z.strictObject({
  speciality: z.enum(SPECIALITIES),
  names,
  ...bilingual(z.strictObject({ name: text, advice: text })).shape,
});
export type Symptom = z.infer<typeof symptom> & { id: string };

const flag = z.strictObject({
  /** The flag fires when every concept of one of these lists is present (and not negated). */
  when: z.array(z.array(z.string()).min(1)).min(1),
  ...bilingual(list.min(1)).shape,
});
export type Flag = z.infer<typeof flag> & { id: string };

const withComment = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ _comment: z.string().optional(), ...shape });

export const CUES = [
  'notNegation', 'symptoms', 'selfCare', 'prevention', 'seeDoctor', 'speciality', 'appointments', 'video', 'fees', 'bills', 'services', 'book',
  'reschedule', 'cancel', 'upload', 'greeting', 'thanks', 'help', 'self', 'otherPerson',
] as const;
export type Cue = (typeof CUES)[number];

const lexicon = withComment({
  stopwords: names,
  negation: z.strictObject({ before: list, after: list }),
  breaks: list,
  sameAs: z.record(z.string(), list),
  cues: z.strictObject(Object.fromEntries(CUES.map((c) => [c, names])) as Record<Cue, typeof names>),
  specialities: z.strictObject(Object.fromEntries(SPECIALITIES.filter((s) => s !== 'other').map((s) => [s, names])) as Record<string, typeof names>),
  hindiWords: list,
});

const suggestions = withComment({
  section: z.strictObject(Object.fromEntries(['overview', 'symptoms', 'selfCare', 'prevention', 'seeDoctor'].map((s) => [s, bilingual(text)]))),
  doctors: bilingual(text),
  appointments: bilingual(list),
});
export type Suggestions = z.infer<typeof suggestions>;

export interface Knowledge {
  conditions: Map<string, Condition>;
  symptoms: Map<string, Symptom>;
  /** Danger signs: concepts that only matter to red flags. */
  signs: Map<string, Names>;
  flags: Map<string, Flag>;
  lexicon: z.infer<typeof lexicon>;
  /** Every speciality's words: doctor search's synonyms (English and Devanagari) and the lexicon's. */
  specialities: Map<string, Names>;
  suggestions: Suggestions;
}

const read = (name: string): unknown => JSON.parse(readFileSync(resourcePath(`assistant/${name}`), 'utf8'));

function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new Error(`resources/assistant/${where}: ${z.prettifyError(r.error)}`);
  return r.data;
}

const entries = <T>(record: Record<string, T>) => Object.entries(record).filter(([k]) => k !== '_comment') as [string, T][];

/** Reads and checks every file; a concept named twice or a reference to nothing is an error at start-up. */
function load(): Knowledge {
  const conditions = new Map<string, Condition>();
  for (const file of readdirSync(resourcePath('assistant/conditions')).filter((f) => f.endsWith('.json')).sort()) {
    const id = file.slice(0, -'.json'.length);
    conditions.set(id, { id, ...parse(condition, read(`conditions/${file}`), file) });
  }
  const symptoms = new Map(entries(read('symptoms.json') as Record<string, unknown>).map(([id, v]) => [id, { id, ...parse(symptom, v, `symptoms.json ${id}`) }]));
  const redFlags = parse(withComment({ signs: z.record(z.string(), names), flags: z.record(z.string(), flag) }), read('red-flags.json'), 'red-flags.json');
  const signs = new Map(Object.entries(redFlags.signs));
  const flags = new Map(Object.entries(redFlags.flags).map(([id, f]) => [id, { id, ...f }]));

  const ids = [...conditions.keys(), ...symptoms.keys(), ...signs.keys()];
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (repeated.length) throw new Error(`resources/assistant: concepts named twice: ${repeated.join(', ')}`);
  for (const c of conditions.values()) {
    const unknown = c.symptoms.filter((s) => !symptoms.has(s));
    if (unknown.length) throw new Error(`resources/assistant/conditions/${c.id}.json: unknown symptoms ${unknown.join(', ')}`);
  }
  for (const f of flags.values()) {
    const unknown = f.when.flat().filter((id) => !ids.includes(id));
    if (unknown.length) throw new Error(`resources/assistant/red-flags.json ${f.id}: unknown concepts ${unknown.join(', ')}`);
  }

  const lex = parse(lexicon, read('lexicon.json'), 'lexicon.json');
  const synonyms = specialitySynonyms();
  const specialities = new Map<string, Names>(
    Object.entries(lex.specialities).map(([s, more]) => {
      const search = synonyms[s as keyof typeof synonyms];
      return [s, { en: [...search.en, ...more.en], hi: [...search.hi, ...more.hi], roman: more.roman }];
    }),
  );
  return { conditions, symptoms, signs, flags, lexicon: lex, specialities, suggestions: parse(suggestions, read('suggestions.json'), 'suggestions.json') };
}

let knowledge: Knowledge | null = null;

/** The knowledge, read at the first question (it never changes while MedLink runs). */
export function assistantKnowledge(): Knowledge {
  knowledge ??= load();
  return knowledge;
}
