// Words of every searchable doctor, sorted, with the doctors who carry each: a prefix is one binary search, and
// a word with one letter wrong, missing or extra is a walk down the implicit trie the sorted list forms.
import { TYPO_MIN_LENGTH } from './text';
import { firstAtOrAfter } from '../sorted';

/** How well a query word matched a doctor's word; a doctor keeps the best of their words. */
export const EXACT = 3;
export const PREFIX = 2;
export const TYPO = 1;

/** Query words whose one-edit ranges are kept (a few numbers each); past this the memo starts afresh. */
const KEPT_TYPO_WORDS = 1000;

export class TokenIndex {
  /** Distinct words, in UTF-16 code-unit order (the order of `<` on strings). */
  private readonly tokens: string[];
  /** oneEditRanges per query word: the walk costs tens of microseconds, and the same words are searched all day. */
  private readonly typoRanges = new Map<string, [number, number][]>();
  /** Doctor numbers of token i: docs[offsets[i] .. offsets[i + 1]). A range of tokens is one slice. */
  private readonly offsets: Int32Array;
  private readonly docs: Int32Array;

  constructor(
    wordsPerDoc: readonly (readonly string[])[],
    private readonly docCount = wordsPerDoc.length,
  ) {
    const postings = new Map<string, number[]>();
    wordsPerDoc.forEach((words, doc) => {
      for (const w of new Set(words)) {
        const list = postings.get(w);
        if (list) list.push(doc);
        else postings.set(w, [doc]);
      }
    });
    this.tokens = [...postings.keys()].sort();
    this.offsets = new Int32Array(this.tokens.length + 1);
    let total = 0;
    this.tokens.forEach((t, i) => {
      this.offsets[i] = total;
      total += postings.get(t)!.length;
    });
    this.offsets[this.tokens.length] = total;
    this.docs = new Int32Array(total);
    this.tokens.forEach((t, i) => this.docs.set(postings.get(t)!, this.offsets[i]!));
  }

  get size(): number {
    return this.tokens.length;
  }

  /** The tokens starting with `p`, searched for within [lo, hi) (which must hold all of them). */
  private prefixRange(p: string, lo = 0, hi = this.tokens.length): [number, number] {
    const from = firstAtOrAfter(this.tokens, p, lo, hi);
    return [from, firstAtOrAfter(this.tokens, `${p}\uffff`, from, hi)];
  }

  /**
   * Token ranges whose tokens start with a string one edit (a letter wrong, missing or extra) away from `w`.
   * Walks w's exact path down the implicit trie; at each depth k it tries dropping w[k], and for each child
   * letter x, replacing w[k] by x or inserting x before it; each try is one prefix search inside the child.
   */
  private oneEditRanges(w: string): [number, number][] {
    const out: [number, number][] = [];
    const add = (r: [number, number]) => {
      if (r[0] < r[1]) out.push(r);
    };
    let lo = 0;
    let hi = this.tokens.length;
    for (let k = 0; k < w.length && lo < hi; k++) {
      const head = w.slice(0, k);
      const rest = w.slice(k + 1);
      add(this.prefixRange(head + rest, lo, hi));
      let j = lo;
      if (this.tokens[j]!.length === k) j++; // the token equal to `head` has no child letter
      while (j < hi) {
        const x = this.tokens[j]![k]!;
        const end = firstAtOrAfter(this.tokens, head + String.fromCharCode(x.charCodeAt(0) + 1), j, hi);
        if (x !== w[k]) add(this.prefixRange(head + x + rest, j, end));
        add(this.prefixRange(head + x + w.slice(k), j, end));
        j = end;
      }
      [lo, hi] = this.prefixRange(w.slice(0, k + 1), lo, hi);
    }
    return out;
  }

  private typoRangesOf(word: string): [number, number][] {
    let ranges = this.typoRanges.get(word);
    if (!ranges) {
      if (this.typoRanges.size >= KEPT_TYPO_WORDS) this.typoRanges.clear();
      ranges = this.oneEditRanges(word);
      this.typoRanges.set(word, ranges);
    }
    return ranges;
  }

  /**
   * For each doctor, how well `word` matches one of their words: EXACT, PREFIX (a word starts with it), TYPO
   * (a word starts with something one edit away; only for words of TYPO_MIN_LENGTH or more), or 0.
   */
  match(word: string): Uint8Array {
    const best = new Uint8Array(this.docCount);
    const mark = (from: number, to: number, quality: number) => {
      const end = this.offsets[to]!;
      for (let i = this.offsets[from]!; i < end; i++) {
        const d = this.docs[i]!;
        if (best[d]! < quality) best[d] = quality;
      }
    };
    if (word.length >= TYPO_MIN_LENGTH) for (const [a, b] of this.typoRangesOf(word)) mark(a, b, TYPO);
    const [lo, hi] = this.prefixRange(word);
    if (lo < hi) {
      mark(lo, hi, PREFIX);
      if (this.tokens[lo] === word) mark(lo, lo + 1, EXACT);
    }
    return best;
  }
}
