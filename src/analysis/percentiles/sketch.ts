// QuantileSketch: a mergeable DDSketch-style quantile sketch with relative accuracy α (1 % by default)
// whose insert and merge run in the WebAssembly kernels; state in a Float64Array this object owns.
import type { PercentileKernels } from '../../kernels/percentile-types';
import { emptySketchState, SLOT } from '../../kernels/sketch-layout';
import { decodeSketch, encodeSketch } from './sketch-codec';
import { sketchQuantile } from './sketch-query';

export interface SketchOptions {
  /** Relative accuracy α in (0, 1): every quantile is within α·|value| of the true one. Default 0.01. */
  alpha?: number;
  /**
   * Bins per sign (default 2048, as DDSketch's collapsing stores): at α = 1 % they span about 41
   * powers of two; beyond that the lowest bins collapse into one (accuracy kept for the upper quantiles).
   */
  maxBins?: number;
}

export const DEFAULT_ALPHA = 0.01;
export const DEFAULT_MAX_BINS = 2048;

export type SketchResult = { ok: true; value: QuantileSketch } | { ok: false; error: string };

export class QuantileSketch {
  private constructor(
    private readonly kernels: PercentileKernels,
    /** The state (src/kernels/sketch-layout.ts): header, positive bins, negative bins. */
    readonly state: Float64Array,
  ) {}

  static create(kernels: PercentileKernels, opts: SketchOptions = {}): QuantileSketch {
    const alpha = opts.alpha ?? DEFAULT_ALPHA;
    const bins = opts.maxBins ?? DEFAULT_MAX_BINS;
    if (!(alpha > 0 && alpha < 1)) throw new RangeError(`relative accuracy alpha must be in (0, 1), got ${alpha}`);
    if (!Number.isInteger(bins) || bins < 1 || bins > 1 << 20) throw new RangeError(`maxBins must be an integer from 1 to ${1 << 20}, got ${bins}`);
    return new QuantileSketch(kernels, emptySketchState(alpha, bins));
  }

  /** A sketch from serialize()'s bytes, or a readable reason they are not one. */
  static deserialize(kernels: PercentileKernels, bytes: Uint8Array): SketchResult {
    const decoded = decodeSketch(bytes);
    return decoded.ok ? { ok: true, value: new QuantileSketch(kernels, decoded.state) } : decoded;
  }

  get alpha(): number {
    return this.state[SLOT.alpha];
  }
  /** Values added (NaN is never counted). */
  get count(): number {
    return this.state[SLOT.count];
  }
  get min(): number {
    return this.count > 0 ? this.state[SLOT.min] : NaN;
  }
  get max(): number {
    return this.count > 0 ? this.state[SLOT.max] : NaN;
  }
  /** Sum of the finite values added. */
  get sum(): number {
    return this.state[SLOT.sum];
  }

  /** Adds the values (NaN skipped); returns how many were counted. */
  add(values: Float64Array): number {
    return this.kernels.sketchInsert(this.state, values);
  }

  /** Adds every other sketch's values into this one (same α; one kernel call). */
  merge(...others: QuantileSketch[]): this {
    if (others.some((o) => o.state[SLOT.mult] !== this.state[SLOT.mult])) {
      throw new RangeError(`cannot merge sketches of different relative accuracy (this one has alpha ${this.alpha})`);
    }
    this.kernels.sketchMerge(this.state, others.map((o) => o.state));
    return this;
  }

  /** Quantile q in [0, 1] (NaN when empty or q is outside). */
  quantile(q: number): number {
    return sketchQuantile(this.state, q);
  }

  quantiles(qs: readonly number[]): number[] {
    return qs.map((q) => sketchQuantile(this.state, q));
  }

  /** Compact bytes (format in sketch-codec.ts): a version, the header and the non-empty bins. */
  serialize(): Uint8Array {
    return encodeSketch(this.state);
  }

  /** An independent copy. */
  clone(): QuantileSketch {
    return new QuantileSketch(this.kernels, this.state.slice());
  }
}
