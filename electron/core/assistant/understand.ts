// What a message asks: the concepts it names (and which of them it negates), the red flags they raise, its
// language, and one intent, decided by the rules below from the knowledge's phrases and cues.
import type { AssistantIntent, ConditionSection, HowtoTopic } from '../../../shared/contract';
import type { Language, Speciality } from '../../../shared/specialities';
import { assistantKnowledge, type Cue, type Knowledge } from './knowledge';
import { longestFirst, PhraseIndex, type ConceptKind, type Found } from './phrase-index';
import { plain, wordsOf, type Word } from './words';

export interface Understanding {
  /** The answer's language: Hindi when the screen is Hindi or the message is. */
  language: Language;
  intent: AssistantIntent;
  /** Red flags raised (red-flags.json), in the file's order. */
  flags: string[];
  /** Named and not negated, in the message's order. */
  conditions: string[];
  symptoms: string[];
  /** Every concept named and not negated (signs and specialities too). */
  present: string[];
  /** The speciality whose doctors fit: the one named, else the condition's or symptom's. */
  speciality: Speciality | null;
  sections: ConditionSection[];
  topic: HowtoTopic | null;
  /** For a question about fees: the name written after "Dr" or "doctor" (the words of it the assistant does not know). */
  doctorName: string | null;
}

/** A negation reaches this many words into its clause. */
const NEGATION_REACH = 6;
const SECTION_CUES = ['symptoms', 'selfCare', 'prevention', 'seeDoctor'] as const;
// Booking comes last: "cancel my booking" is about cancelling.
const TOPICS: readonly HowtoTopic[] = ['cancel', 'reschedule', 'upload', 'book'];
/** Questions about the asker's own records, by the cue that asks them. Each new kind of record is one line here. */
const PERSONAL: readonly { cue: Cue; intent: AssistantIntent }[] = [
  { cue: 'bills', intent: 'bills' },
  { cue: 'video', intent: 'video_link' },
  { cue: 'appointments', intent: 'appointments' },
];
/** Whether an answer shows the asker's own records (then a message about someone else gets the privacy reply instead). */
const showsOwnRecords = (intent: AssistantIntent, topic: HowtoTopic | null) =>
  intent === 'appointments' || intent === 'video_link' || intent === 'bills' || (intent === 'howto' && (topic === 'reschedule' || topic === 'cancel'));
/** Words written before a doctor's name. */
const DOCTOR_TITLES = new Set(['dr', 'doctor', 'dactor', 'daktar', 'डॉ', 'डा', 'डॉक्टर']);
/** A doctor's name has at most this many words. */
const NAME_WORDS = 3;
/** Possessive words after which a name is someone's (Ravi ki appointment). */
const POSSESSIVE = new Set(['ka', 'ki', 'ke', 'का', 'की', 'के']);

let index: PhraseIndex | null = null;
/** The phrase index of the knowledge, built at the first question. */
export const phraseIndex = () => (index ??= new PhraseIndex(assistantKnowledge()));

/** Words like "but", "just", "lekin" end a clause as a comma does: "no fever just a cold" negates only the fever. */
function clausesAtBreaks(words: Word[], breaks: ReadonlySet<string>): Word[] {
  let shift = 0;
  return words.map((w) => {
    if (breaks.has(w.text)) shift++;
    return { ...w, clause: w.clause + shift * 1000 };
  });
}

/** Word positions a negation word reaches: forward for "no", "not", "without"; backward for "nahi", "नहीं". */
function negatedWords(words: Word[], used: ReadonlySet<number>, ix: PhraseIndex): Set<number> {
  const out = new Set<number>();
  words.forEach((w, i) => {
    if (used.has(i)) return;
    const reach = (step: 1 | -1) => {
      for (let j = i + step, n = 0; j >= 0 && j < words.length && n < NEGATION_REACH && words[j]!.clause === w.clause; j += step, n++) out.add(j);
    };
    if (ix.negateBefore.has(w.text)) reach(1);
    if (ix.negateAfter.has(w.text)) reach(-1);
  });
  return out;
}

/** Hindi if the message has Devanagari, or more romanised Hindi than English in it. */
function messageIsHindi(words: Word[], found: Found[], ix: PhraseIndex): boolean {
  if (words.some((w) => w.devanagari)) return true;
  let hindi = 0;
  let english = 0;
  words.forEach((w, i) => {
    const sources = new Set(found.filter((f) => f.words.includes(i)).flatMap((f) => f.entries.map((e) => e.source)));
    if (sources.has('roman') && !sources.has('en')) hindi++;
    else if (sources.has('en') && !sources.has('roman')) english++;
    else if (ix.hindiWords.has(w.text)) hindi++;
    else if (ix.englishWords.has(w.text)) english++;
  });
  return hindi > 0 && hindi >= english;
}

/** Whether a message names someone else: a relation or pronoun, an email address, or a name with 's, ki or ka. */
function aboutSomeoneElse(message: string, words: Word[], cues: Found[], ix: PhraseIndex): boolean {
  if (cues.some((c) => c.entries.some((e) => e.id === 'otherPerson'))) return true;
  if (/[^\s@]+@[^\s@]+\.[^\s@]+/.test(message)) return true;
  for (const m of message.matchAll(/(\p{L}+)['’]s\b/gu)) if (!ix.knows(plain(m[1]!))) return true;
  return words.some((w, i) => i > 0 && POSSESSIVE.has(w.text) && !ix.knows(words[i - 1]!.text));
}

/**
 * The words after the first doctor's title, in its clause, that the assistant does not know: "Dr. Rohan Mehta's
 * fee" → "rohan mehta" (the title's dot ends no clause here, and 's is dropped).
 */
function doctorNameIn(message: string, ix: PhraseIndex): string | null {
  const words = wordsOf(message.replace(/(^|\s)(dr|डॉ|डा)\.(?=\s)/giu, '$1$2').replace(/['’]s(?=\s|$)/gu, ''));
  const at = words.findIndex((w) => DOCTOR_TITLES.has(w.text));
  if (at < 0) return null;
  const name: string[] = [];
  for (const w of words.slice(at + 1)) {
    if (w.clause !== words[at]!.clause || name.length === NAME_WORDS || ix.knows(w.text)) break;
    name.push(w.text);
  }
  return name.length ? name.join(' ') : null;
}

interface Mention { id: string; kind: ConceptKind; words: number[]; negated: boolean }

export function understand(message: string, screen: Language, k: Knowledge = assistantKnowledge(), ix: PhraseIndex = phraseIndex()): Understanding {
  const words = clausesAtBreaks(wordsOf(message), ix.breaks);
  const candidates = ix.candidates(words);
  const conceptsFound = longestFirst(ix.find(ix.concepts, words, candidates, 1));
  const conceptWords = new Set(conceptsFound.flatMap((f) => f.words));
  // A cue inside a name ("lower" in "lower back pain", "doctor" in "skin doctor") says nothing of its own.
  const cuesFound = longestFirst(ix.find(ix.cues, words, candidates, 0)).filter((c) => !c.words.some((w) => conceptWords.has(w)));
  const negated = negatedWords(words, new Set([...conceptWords, ...cuesFound.flatMap((c) => c.words)]), ix);

  const mentions: Mention[] = conceptsFound
    .flatMap((f) => f.entries.map((e) => ({ id: e.id, kind: ix.kindOf.get(e.id)!, words: f.words, negated: f.words.some((w) => negated.has(w)) })))
    .sort((a, b) => a.words[0]! - b.words[0]!);
  const affirmed = mentions.filter((m) => !m.negated);
  const ids = (kind: ConceptKind) => [...new Set(affirmed.filter((m) => m.kind === kind).map((m) => m.id))];
  const present = new Set(affirmed.map((m) => m.id));
  const flags = [...k.flags.values()].filter((f) => f.when.some((all) => all.every((id) => present.has(id)))).map((f) => f.id);
  const conditions = ids('condition');
  const symptoms = ids('symptom');
  // A speciality counts as named only when its word is not also a condition, symptom or sign ("fever", "depression").
  const other = new Set(affirmed.filter((m) => m.kind !== 'speciality').map((m) => m.words.join()));
  const named = affirmed.find((m) => m.kind === 'speciality' && !other.has(m.words.join()))?.id as Speciality | undefined;

  const has = (cue: Cue) => cuesFound.some((c) => c.entries.some((e) => e.id === cue));
  const topic = TOPICS.find(has) ?? null;
  const personal = PERSONAL.find((p) => has(p.cue));
  const health = conditions.length > 0 || symptoms.length > 0;
  let intent: AssistantIntent;
  if (flags.length) intent = 'emergency';
  else if (topic === 'book' && (health || named)) intent = 'speciality';
  else if (topic) intent = 'howto';
  // Services ("the price of a health checkup") and fees ("the fee for an online appointment") come before one's
  // own appointments; one's own bill before both.
  else if (has('services') && personal?.cue !== 'bills') intent = 'services';
  else if (has('fees') && personal?.cue !== 'bills') intent = 'fees';
  // "Psychiatrist appointment" asks for one; "my appointment" asks about one's own.
  else if (personal && !(personal.cue === 'appointments' && (health || named) && !has('self'))) intent = personal.intent;
  else if (health) intent = has('speciality') ? 'speciality' : conditions.length ? 'condition' : 'symptom';
  else if (named || has('speciality')) intent = 'speciality';
  else intent = (['help', 'thanks', 'greeting'] as const).find(has) ?? 'unknown';
  if (showsOwnRecords(intent, topic) && aboutSomeoneElse(message, words, cuesFound, ix)) intent = 'privacy';

  const sections: ConditionSection[] = SECTION_CUES.filter(has);
  if (sections.includes('seeDoctor')) sections.push('redFlags');
  const ofFirst = conditions[0] ? k.conditions.get(conditions[0])!.speciality : symptoms[0] ? k.symptoms.get(symptoms[0])!.speciality : null;
  return {
    language: screen === 'hi' || messageIsHindi(words, [...conceptsFound, ...cuesFound], ix) ? 'hi' : 'en',
    intent,
    flags,
    conditions,
    symptoms,
    present: [...present],
    speciality: named ?? ofFirst ?? (intent === 'speciality' ? 'general_medicine' : null),
    sections: sections.length ? sections : ['overview'],
    topic: intent === 'howto' ? topic : null,
    doctorName: intent === 'fees' ? doctorNameIn(message, ix) : null,
  };
}
