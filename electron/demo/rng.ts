/**
 * Deterministic randomness for the demo generator. Everything the generator writes derives from
 * these functions and the seed, never from Math.random or the clock, so the same seed and
 * options give byte-identical files on every machine.
 */

/** 32-bit avalanche hash of a list of integers (order matters); used to derive per-account seeds. */
export function hash32(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    // Fold in the high part too, so values above 2^32 (group-space u's) still hash distinctly.
    h = Math.imul(h ^ Math.floor(p / 0x100000000), 0x297a2d39);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

/**
 * A keyed bijection on the integers [0, 2^bits). Every step (xor with a constant, xorshift,
 * multiplication by an odd constant modulo 2^bits) is invertible, so distinct inputs give distinct
 * outputs: this is what makes identifier values unique by construction instead of by luck.
 */
export function mixBits(x: number, bits: number, key: number): number {
  const mask = bits >= 32 ? 0xffffffff : 2 ** bits - 1;
  const s = Math.max(1, Math.ceil(bits / 2));
  let v = ((x ^ key) & mask) >>> 0;
  v = (v ^ (v >>> s)) >>> 0;
  v = (Math.imul(v, 0x7feb352d) & mask) >>> 0;
  v = (v ^ (v >>> s)) >>> 0;
  v = (Math.imul(v, 0x846ca68b | 1) & mask) >>> 0;
  v = (v ^ (v >>> s)) >>> 0;
  v = ((v ^ (key >>> 7)) & mask) >>> 0;
  return v;
}

/**
 * A keyed permutation of [0, m) by cycle walking over the smallest power of two >= m.
 * Contract: for u in [0, m) the result is in [0, m) and distinct u give distinct results.
 * Inputs outside [0, m) are a caller bug (the walk would still terminate but uniqueness is lost).
 */
export function permute(u: number, m: number, key: number): number {
  if (m <= 1) return 0;
  const bits = Math.ceil(Math.log2(m));
  let x = u;
  do {
    x = mixBits(x, bits, key);
  } while (x >= m);
  return x;
}

/** sfc32: small, fast, good-quality PRNG with a 128-bit state. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Seeds from any integers (e.g. the demo seed plus an account index); equal inputs, equal streams. */
  constructor(...seed: number[]) {
    this.a = hash32(0x9e3779b9, ...seed);
    this.b = hash32(0x243f6a88, ...seed);
    this.c = hash32(0xb7e15162, ...seed);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Next unsigned 32-bit integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.float();
  }

  /** Uniform integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  /** A uniformly chosen element; the array must not be empty. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** Index drawn with the given non-negative weights (at least one positive). */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] as number;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** Standard normal (Box-Muller; no cached second value, so the stream stays simple to reason about). */
  normal(): number {
    const u = 1 - this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and shape. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Rounds x up or down at random so that the expectation is x (keeps averages unbiased). */
  roundStochastic(x: number): number {
    const f = Math.floor(x);
    return f + (this.float() < x - f ? 1 : 0);
  }

  /** In-place Fisher-Yates shuffle; returns the same array. */
  shuffle<T extends { length: number; [i: number]: unknown }>(arr: T): T {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      const t = arr[i];
      arr[i] = arr[j];
      arr[j] = t;
    }
    return arr;
  }
}
