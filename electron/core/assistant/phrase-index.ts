// Every phrase the assistant knows (names of conditions, symptoms, danger signs and specialities; cue phrases that
// say what is asked), as word tries over stems, and the words they use for typo-tolerant lookup. Built once.
import SearchableMap from 'minisearch/SearchableMap';
import { CUES, type Knowledge, type Names } from './knowledge';
import { plain, stem, type Word } from './words';

export type ConceptKind = 'condition' | 'symptom' | 'sign' | 'speciality';
/** Which list a phrase came from: it tells the language of the message. */
export type Source = 'en' | 'hi' | 'roman';

interface Entry { id: string; source: Source }
interface Node { next: Map<string, Node>; ends: Entry[] }
const node = (): Node => ({ next: new Map(), ends: [] });

/** A phrase found in a message: the words it took (stopwords between them are not counted) and its typo cost. */
export interface Found { entries: Entry[]; words: number[]; cost: number }

/** What a message's word may be: itself, or vocabulary words within its typo allowance. */
interface Candidate { stem: string; cost: number }

/** Restricted Damerau–Levenshtein distance: a swap of two neighbouring letters is one typo ("pian", "tyhpoid"). */
function typoDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const sub = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + sub);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** Typos a word may carry: none up to three letters, one up to seven (eight in Devanagari), two beyond. */
function allowance(w: string, devanagari: boolean): number {
  if (w.length <= 3) return 0;
  if (devanagari) return w.length >= 9 ? 2 : 1;
  return w.length >= 8 ? 2 : 1;
}

const letters = (w: string) => [...w].sort().join('');
/**
 * A four-letter English word may only have two letters swapped or one missing ("pian", "cogh"): a changed letter
 * would turn too many short words into others (main → pain).
 */
const fourLetterTypo = (w: string, candidate: string, cost: number) =>
  candidate.length === w.length + 1 || (candidate.length === w.length && cost === 1 && letters(candidate) === letters(w));

export class PhraseIndex {
  readonly concepts = node();
  readonly cues = node();
  /** Kinds of every concept id. */
  readonly kindOf = new Map<string, ConceptKind>();
  readonly stopwords: Set<string>;
  readonly negateBefore: Set<string>;
  readonly negateAfter: Set<string>;
  readonly breaks: Set<string>;
  readonly hindiWords: Set<string>;
  readonly englishWords: Set<string>;
  /** Stems of every phrase word that is not a stopword, for typo lookup. */
  private readonly vocabulary = new SearchableMap<true>();
  /** Stems of every phrase word. */
  private readonly known = new Set<string>();
  /** Stems read as another stem (hurts → pain), in phrases and messages alike. */
  private readonly sameAs = new Map<string, string>();

  constructor(k: Knowledge) {
    const set = (words: string[]) => new Set(words.map(plain));
    const lex = k.lexicon;
    this.englishWords = set(lex.stopwords.en);
    this.stopwords = set([...lex.stopwords.en, ...lex.stopwords.roman, ...lex.stopwords.hi]);
    this.negateBefore = set(lex.negation.before);
    this.negateAfter = set(lex.negation.after);
    this.breaks = set(lex.breaks);
    this.hindiWords = set(lex.hindiWords);
    for (const [word, others] of Object.entries(lex.sameAs)) for (const o of others) this.sameAs.set(stem(plain(o)), stem(plain(word)));

    const concepts = (kind: ConceptKind, all: Iterable<[string, Names]>) => {
      for (const [id, names] of all) {
        this.kindOf.set(id, kind);
        // A speciality's name is not turned round: "doctor for diabetes" is not a "diabetes doctor" but a question.
        this.add(this.concepts, id, names, false, kind !== 'speciality');
      }
    };
    concepts('condition', [...k.conditions].map(([id, c]) => [id, c.names]));
    concepts('symptom', [...k.symptoms].map(([id, s]) => [id, s.names]));
    concepts('sign', k.signs);
    concepts('speciality', k.specialities);
    for (const cue of CUES) this.add(this.cues, cue, lex.cues[cue], true, false);
    // A condition's own name is one of its names (so a suggestion built from it is understood).
    for (const [id, c] of k.conditions) this.add(this.concepts, id, { en: [c.en.name], hi: [c.hi.name], roman: [] }, false, true);
    for (const [id, s] of k.symptoms) this.add(this.concepts, id, { en: [s.en.name], hi: [s.hi.name], roman: [] }, false, true);
  }

  /** A word's stem as phrases are matched on it (hurts → pain). */
  stemOf(text: string): string {
    return this.canonical(stem(text));
  }

  private canonical(s: string): string {
    return this.sameAs.get(s) ?? s;
  }

  /**
   * A phrase's stems. Concept phrases drop their stopwords when two or more other words remain ("pain in chest"
   * is "pain chest", which also meets "pain in my chest"); otherwise, and for cues ("what is"), every word counts.
   */
  private stems(phrase: string, keepAll: boolean): string[] {
    const words = plain(phrase).match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
    const content = words.filter((w) => !this.stopwords.has(w));
    return (keepAll || content.length < 2 ? words : content).map((w) => this.stemOf(w));
  }

  /**
   * Adds a set of names. With `turn`, a two-word name also counts the other way round ("knee pain", "pain in my
   * knee"; "tight chest", "chest feels tight"), unless one word is a negation ("saans nahi").
   */
  private add(root: Node, id: string, names: Names, keepAll: boolean, turn: boolean) {
    for (const source of ['en', 'hi', 'roman'] as const) {
      for (const phrase of names[source]) {
        const stems = this.stems(phrase, keepAll);
        this.insert(root, stems, { id, source });
        if (turn && stems.length === 2 && !stems.some((s) => this.isNegation(s))) this.insert(root, [stems[1]!, stems[0]!], { id, source });
      }
    }
  }

  private insert(root: Node, stems: string[], entry: Entry) {
    if (stems.length === 0) return;
    let n = root;
    for (const s of stems) {
      let child = n.next.get(s);
      if (!child) n.next.set(s, (child = node()));
      n = child;
      this.known.add(s);
      if (!this.stopwords.has(s) && s.length >= 4) this.vocabulary.set(s, true);
    }
    if (!n.ends.some((e) => e.id === entry.id && e.source === entry.source)) n.ends.push(entry);
  }

  /** For each word: itself, and the vocabulary words it may be a typo of (with their distance). */
  candidates(words: Word[]): Candidate[][] {
    return words.map((w) => {
      const s = this.canonical(w.stem);
      const own = [{ stem: s, cost: 0 }];
      if (this.vocabulary.has(s) || this.stopwords.has(w.text) || this.isNegation(w.text) || /\d/.test(s)) return own;
      const max = allowance(s, w.devanagari);
      if (max === 0) return own;
      const out: Candidate[] = [];
      // The radix walk counts a swap as two edits; each hit is measured again with swaps counted as one.
      for (const candidate of this.vocabulary.fuzzyGet(s, max + 1).keys()) {
        const cost = typoDistance(s, candidate);
        if (cost > max) continue;
        if (s.length === 4 && !w.devanagari && !fourLetterTypo(s, candidate, cost)) continue;
        out.push({ stem: candidate, cost });
      }
      return [...own, ...out.sort((a, b) => a.cost - b.cost)];
    });
  }

  /** Whether a word (plain text) is one the assistant knows: in a phrase, a stopword or a negation. */
  knows(text: string): boolean {
    return this.known.has(this.stemOf(text)) || this.stopwords.has(text) || this.hindiWords.has(text) || this.isNegation(text) || /\d/.test(text);
  }

  isNegation(text: string): boolean {
    return this.negateBefore.has(text) || this.negateAfter.has(text);
  }

  /**
   * Every occurrence of the trie's phrases: a phrase's words in order, in one clause, with any stopwords between
   * them and, for concepts, at most one other word ("seene mein tez dard"). A negation word is never skipped.
   */
  find(root: Node, words: Word[], candidates: Candidate[][], freeGaps: number): Found[] {
    const out: Found[] = [];
    const skippable = words.map((w) => this.stopwords.has(w.text) && !this.isNegation(w.text));
    const walk = (n: Node, at: number, used: number[], cost: number, gaps: number) => {
      for (const c of candidates[at]!) {
        const child = n.next.get(c.stem);
        if (!child) continue;
        const took = [...used, at];
        if (child.ends.length) out.push({ entries: child.ends, words: took, cost: cost + c.cost });
        if (child.next.size === 0) continue;
        let left = gaps;
        for (let k = at + 1; k < words.length && words[k]!.clause === words[at]!.clause; k++) {
          walk(child, k, took, cost + c.cost, left);
          if (skippable[k]) continue;
          if (left === 0 || this.isNegation(words[k]!.text)) break;
          left--;
        }
      }
    };
    for (let i = 0; i < words.length; i++) walk(root, i, [], 0, freeGaps);
    return out;
  }
}

/**
 * The phrases a reading keeps: longest first (most words), then fewest typos, then earliest; a phrase whose words
 * are already taken is dropped, unless it took exactly the same words as a kept one (one name, two concepts).
 */
export function longestFirst(found: Found[]): Found[] {
  const sorted = [...found].sort((a, b) => b.words.length - a.words.length || a.cost - b.cost || a.words[0]! - b.words[0]!);
  const taken = new Set<number>();
  const kept: Found[] = [];
  const key = (f: Found) => f.words.join();
  for (const f of sorted) {
    if (f.words.some((w) => taken.has(w))) {
      if (kept.some((k) => k.cost === f.cost && key(k) === key(f))) kept.push(f);
      continue;
    }
    kept.push(f);
    for (const w of f.words) taken.add(w);
  }
  return kept;
}
