// How names, specialities, hospitals and degrees become searchable words, on both sides of a search.

/** Titles every doctor carries: typed in a query they narrow nothing, so they are dropped. */
const TITLES = new Set(['dr', 'doctor', 'डॉ', 'डा', 'डॉक्टर']);

/**
 * Lower case without accents (é → e), without the Devanagari nukta (फ़ → फ, typed either way), and without
 * dots and apostrophes inside words, so that "M.B.B.S." is "mbbs" and "Women's" is "womens".
 */
export function normalize(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f\u093c]/g, '').toLowerCase().replace(/[.'’]/g, '');
}

/** The words of a text: runs of letters, digits and combining marks (Devanagari vowel signs are marks). */
export function wordsOf(text: string): string[] {
  return normalize(text).match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
}

/** A query's words, each once, titles dropped. */
export function queryWords(text: string | undefined): string[] {
  return [...new Set(wordsOf(text ?? '').filter((w) => !TITLES.has(w)))];
}

/** Words of this many characters or more may carry one typing mistake; shorter ones must match exactly as prefixes. */
export const TYPO_MIN_LENGTH = 4;
