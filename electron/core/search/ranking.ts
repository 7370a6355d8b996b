// Picking a page of doctors in order of their next free slot without working out every doctor's next free slot.

/** Lower comes first; `second` is unique per doctor, so the order is total. */
export interface SlotKeys {
  /** A lower bound of the doctor's next free slot (ms; Infinity when they have none). */
  lowerBound(doc: number): number;
  /** The exact start once settled (ms; Infinity for none), undefined before. */
  exact(doc: number): number | undefined;
  second(doc: number): number;
  /** Works out the exact next free slot of these doctors (one round trip for busy time). */
  settle(docs: number[]): Promise<void>;
}

/**
 * Doctors already sorted by a lower bound of their next free slot (all of the catalog's doctors: `member`
 * says which take part), so a search over thousands of candidates reads only the front of the list.
 * `key[i]` must be at most doctor `docs[i]`'s current lower bound; `displaced` hears of each doctor whose bound
 * has moved on since the list was sorted (the catalog re-sorts once enough have).
 */
export interface SortedDocs {
  docs: Int32Array;
  key: Float64Array;
  member: Uint8Array;
  /** True when, among doctors of equal key, `second` rises along the list (it follows the name): ties need not all be read. */
  secondFollowsList: boolean;
  displaced(doc: number): void;
}

/** A binary heap of (t, second, doc, exact) entries, smallest (t, second) on top. */
class Heap {
  private t: number[] = [];
  private s: number[] = [];
  private d: number[] = [];
  private x: boolean[] = [];

  get size(): number {
    return this.t.length;
  }
  get topT(): number {
    return this.t[0]!;
  }
  get topSecond(): number {
    return this.s[0]!;
  }
  get topExact(): boolean {
    return this.x[0]!;
  }

  private less(a: number, b: number): boolean {
    return this.t[a]! < this.t[b]! || (this.t[a] === this.t[b] && this.s[a]! < this.s[b]!);
  }
  private swap(a: number, b: number): void {
    const t = this.t[a]!;
    this.t[a] = this.t[b]!;
    this.t[b] = t;
    const s = this.s[a]!;
    this.s[a] = this.s[b]!;
    this.s[b] = s;
    const d = this.d[a]!;
    this.d[a] = this.d[b]!;
    this.d[b] = d;
    const x = this.x[a]!;
    this.x[a] = this.x[b]!;
    this.x[b] = x;
  }

  push(t: number, s: number, doc: number, exact: boolean): void {
    let pos = this.t.length;
    this.t.push(t);
    this.s.push(s);
    this.d.push(doc);
    this.x.push(exact);
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      if (!this.less(pos, parent)) break;
      this.swap(pos, parent);
      pos = parent;
    }
  }

  pop(): number {
    const doc = this.d[0]!;
    const last = this.t.length - 1;
    this.swap(0, last);
    this.t.pop();
    this.s.pop();
    this.d.pop();
    this.x.pop();
    let pos = 0;
    for (;;) {
      const l = 2 * pos + 1;
      if (l >= last) break;
      const c = l + 1 < last && this.less(l + 1, l) ? l + 1 : l;
      if (!this.less(c, pos)) break;
      this.swap(c, pos);
      pos = c;
    }
    return doc;
  }
}

/**
 * The first `count` doctors by (next free slot, second), from `docs` or from the members of `sorted`.
 * A heap on lower bounds: a doctor whose exact slot is on top comes out, since every other doctor's slot is at
 * least its key; one whose bound is on top is settled (in batches, to keep database round trips few) and goes
 * back in with its exact key. With little busy time, this settles about `count` doctors however many match.
 */
export async function firstBySlot(docs: ArrayLike<number> | SortedDocs, count: number, keys: SlotKeys): Promise<number[]> {
  const heap = new Heap();
  const add = (d: number) => {
    const known = keys.exact(d);
    heap.push(known ?? keys.lowerBound(d), keys.second(d), d, known !== undefined);
  };
  // The next doctors from the sorted list: pulled while they could still come before the heap's top.
  let pos = 0;
  const sorted = 'member' in docs ? docs : null;
  const pull = (): boolean => {
    if (!sorted) return false;
    while (pos < sorted.docs.length) {
      const d = sorted.docs[pos]!;
      const key = sorted.key[pos++]!;
      if (!sorted.member[d]) continue;
      add(d);
      if (keys.lowerBound(d) > key + 60_000) sorted.displaced(d);
      return true;
    }
    return false;
  };
  if (!sorted) for (let i = 0; i < (docs as ArrayLike<number>).length; i++) add((docs as ArrayLike<number>)[i]!);

  const out: number[] = [];
  let batch: number[] = [];
  const settleBatch = async () => {
    await keys.settle(batch);
    for (const d of batch) heap.push(keys.exact(d)!, keys.second(d), d, true);
    batch = [];
  };
  while (out.length < count) {
    if (heap.size === 0 && !pull()) {
      if (batch.length === 0) break;
      await settleBatch();
      continue;
    }
    // Pull every listed doctor that could come before the top: a lower key, or an equal one with a lower second.
    while (sorted && pos < sorted.docs.length) {
      const key = sorted.key[pos]!;
      if (key > heap.topT || (key === heap.topT && sorted.secondFollowsList && keys.second(sorted.docs[pos]!) > heap.topSecond)) break;
      pull();
    }
    if (heap.topExact) {
      // A doctor still waiting in the batch may yet come before it.
      if (batch.length > 0) await settleBatch();
      else out.push(heap.pop());
      continue;
    }
    batch.push(heap.pop());
    if (batch.length >= count - out.length) await settleBatch();
  }
  return out;
}

/** The `count` smallest of `keys` (distinct numbers), in order: a bounded max-heap, O(n log count). */
export function smallest(keys: ArrayLike<number>, count: number): number[] {
  const heap: number[] = [];
  const down = (pos: number) => {
    const item = heap[pos]!;
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= heap.length) break;
      if (child + 1 < heap.length && heap[child + 1]! > heap[child]!) child++;
      if (heap[child]! <= item) break;
      heap[pos] = heap[child]!;
      pos = child;
    }
    heap[pos] = item;
  };
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (heap.length < count) {
      heap.push(k);
      let pos = heap.length - 1;
      while (pos > 0) {
        const parent = (pos - 1) >> 1;
        if (heap[parent]! >= k) break;
        heap[pos] = heap[parent]!;
        pos = parent;
      }
      heap[pos] = k;
    } else if (count > 0 && k < heap[0]!) {
      heap[0] = k;
      down(0);
    }
  }
  return heap.sort((a, b) => a - b);
}
