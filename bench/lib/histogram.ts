/**
 * A latency histogram in microseconds with log-linear buckets (HDR style): exact below 128 µs,
 * then 64 buckets per power of two, so any reported percentile is within 1.6 % of the truth.
 * Fixed size (2 k counters), no allocation per sample.
 */
const SUB_BITS = 7;
const HALF = 1 << (SUB_BITS - 1);
const MAX_VALUE = 2 ** 30;
const SIZE = (31 - SUB_BITS + 2) * HALF;

export class Histogram {
  readonly #counts = new Float64Array(SIZE);
  #total = 0;
  #sum = 0;
  #max = 0;

  record(micros: number): void {
    const v = Math.min(Math.max(Math.round(micros), 0), MAX_VALUE - 1);
    this.#counts[indexOf(v)]! += 1;
    this.#total += 1;
    this.#sum += v;
    if (v > this.#max) this.#max = v;
  }

  add(other: Histogram): void {
    for (let i = 0; i < SIZE; i++) this.#counts[i]! += other.#counts[i]!;
    this.#total += other.#total;
    this.#sum += other.#sum;
    this.#max = Math.max(this.#max, other.#max);
  }

  get count(): number {
    return this.#total;
  }

  get mean(): number {
    return this.#total === 0 ? 0 : this.#sum / this.#total;
  }

  get max(): number {
    return this.#max;
  }

  /** The value at quantile q (0–1), in µs: the middle of the bucket holding it. */
  quantile(q: number): number {
    if (this.#total === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.#total));
    let seen = 0;
    for (let i = 0; i < SIZE; i++) {
      seen += this.#counts[i]!;
      if (seen >= rank) return Math.min(middleOf(i), this.#max);
    }
    return this.#max;
  }
}

function indexOf(v: number): number {
  const msb = 31 - Math.clz32(v | 1);
  if (msb < SUB_BITS) return v;
  const shift = msb - SUB_BITS + 1;
  return shift * HALF + (v >> shift);
}

function middleOf(index: number): number {
  if (index < 2 * HALF) return index;
  const shift = Math.floor(index / HALF) - 1;
  const low = (index - shift * HALF) * 2 ** shift;
  return low + (2 ** shift - 1) / 2;
}
