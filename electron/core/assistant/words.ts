// A message as words: normalised the way doctor search does it, split into clauses, each word with its stem.
import { normalize } from '../search/text';

export interface Word {
  /** Lower case, without accents, nukta or chandrabindu: what stopwords and negation words are compared with. */
  text: string;
  /** What phrases are matched on: a light English stem, or a Hindi word without its plural ending. */
  stem: string;
  /** Which clause of the message it is in; negation never reaches past a clause. */
  clause: number;
  devanagari: boolean;
}

const DEVANAGARI = /[\u0900-\u097f]/;
// Sentence punctuation ends a clause; a dot between letters (T.B.) does not.
const CLAUSE_END = /[,;:!?।|()[\]{}"“”\n]|\.(?=\s|$)/g;

/** Devanagari written two ways that read the same: chandrabindu as anusvara (आँख, आंख), no joiners. */
const devanagariForm = (text: string) => text.replace(/\u0901/g, '\u0902').replace(/[\u200c\u200d]/g, '');

/** Hindi plural and oblique endings: आंखों, आंखें → आंख. */
const HINDI_ENDINGS = ['ियों', 'ियां', 'ाओं', 'ाएं', 'ों', 'ें', 'ीं'];

function hindiStem(w: string): string {
  for (const e of HINDI_ENDINGS) if (w.endsWith(e) && w.length - e.length >= 2) return w.slice(0, -e.length);
  return w;
}

/** Drops one of a doubled final consonant left by a suffix (running → run, vomitted → vomit), not ll, ss or zz. */
const undouble = (s: string) => (/([b-df-hj-km-rtv-y])\1$/.test(s) ? s.slice(0, -1) : s);

/**
 * A light English stemmer (plurals, -ing, -ed, -ly, a final e), applied the same way to the knowledge and to
 * messages, so "vomiting", "vomits" and "vomit" meet; romanised Hindi passes through it harmlessly.
 */
export function stem(w: string): string {
  if (DEVANAGARI.test(w)) return hindiStem(w);
  if (w.length <= 3 || /\d/.test(w)) return w;
  let s = w;
  if (s.endsWith('ies') && s.length > 4) s = `${s.slice(0, -3)}y`;
  else if (s.endsWith('sses')) s = s.slice(0, -2);
  else if (/(ch|sh|x|z)es$/.test(s)) s = s.slice(0, -2);
  else if (s.endsWith('s') && !/(ss|us|is)$/.test(s)) s = s.slice(0, -1);
  if (s.endsWith('ing') && s.length >= 6) s = undouble(s.slice(0, -3));
  else if (s.endsWith('ed') && s.length >= 5) s = undouble(s.slice(0, -2));
  if (s.endsWith('ly') && s.length >= 6) s = s.slice(0, -2);
  if (s.endsWith('e') && s.length > 4) s = s.slice(0, -1);
  return s;
}

/** The comparable form of a single word or phrase (lexicon entries go through this too). */
export const plain = (text: string) => devanagariForm(normalize(text));

/** A message's words, clause by clause. */
export function wordsOf(message: string): Word[] {
  const out: Word[] = [];
  plain(message.replace(CLAUSE_END, ' , '))
    .match(/[\p{L}\p{N}\p{M}]+|,/gu)
    ?.reduce((clause, piece) => {
      if (piece === ',') return clause + 1;
      out.push({ text: piece, stem: stem(piece), clause, devanagari: DEVANAGARI.test(piece) });
      return clause;
    }, 0);
  return out;
}
