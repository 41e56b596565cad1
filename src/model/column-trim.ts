// The first `length` values of a column filled into spare capacity: shared by the parsers that size
// their columns ahead (CSV, Prometheus text, the trace builder) so the end of a parse copies only when it must.

type Typed = Uint8Array | Uint32Array | Int32Array | Float64Array;

/**
 * The first `length` values: a view when the column is mostly full (its capacity was estimated, so at most
 * ~25% is unused; no second copy at the end of a parse), a compact copy when it is not.
 */
export function trimColumn<T extends Typed>(column: T, length: number): T {
  return (length >= column.length * 0.75 ? column.subarray(0, length) : column.slice(0, length)) as T;
}
