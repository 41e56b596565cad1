// Spans grouped by service or by (service, operation), as CSR rows over the span table: the grouping the
// per-operation statistics, RED series and critical-path shares all use.

import type { TraceSet } from '../../model/traces';
import { groupIndices } from './csr';

/** Group g holds span rows rows[offsets[g]] … rows[offsets[g+1]−1] (in row order). */
export interface SpanGroups {
  count: number;
  offsets: Uint32Array;
  rows: Uint32Array;
  /** Group of each span row. */
  groupOf: Uint32Array;
  /** Service (index into set.services) of each group. */
  service: Uint32Array;
  /** Operation (index into set.operations) of each group; -1 for service groups. */
  operation: Int32Array;
}

function finish(groupOf: Uint32Array, service: number[], operation: number[]): SpanGroups {
  const count = service.length;
  const { offsets, items } = groupIndices(groupOf, count);
  return { count, offsets, rows: items, groupOf, service: Uint32Array.from(service), operation: Int32Array.from(operation) };
}

/** One group per (service, operation) pair, in order of first appearance. */
export function groupByOperation(set: TraceSet): SpanGroups {
  const n = set.spanCount;
  const groupOf = new Uint32Array(n);
  // Most operations belong to one service: the last group seen per operation answers without the map.
  const lastGroup = new Int32Array(set.operations.length).fill(-1);
  const pairs = new Map<number, number>();
  const service: number[] = [];
  const operation: number[] = [];
  for (let r = 0; r < n; r++) {
    const op = set.operationIdx[r];
    const sv = set.serviceIdx[r];
    let g = lastGroup[op];
    if (g < 0 || service[g] !== sv) {
      const key = sv * set.operations.length + op;
      const known = pairs.get(key);
      if (known === undefined) {
        g = service.push(sv) - 1;
        operation.push(op);
        pairs.set(key, g);
      } else {
        g = known;
      }
      lastGroup[op] = g;
    }
    groupOf[r] = g;
  }
  return finish(groupOf, service, operation);
}

/** One group per service holding spans, in order of first appearance. */
export function groupByService(set: TraceSet): SpanGroups {
  const n = set.spanCount;
  const groupOf = new Uint32Array(n);
  const index = new Int32Array(set.services.length).fill(-1);
  const service: number[] = [];
  for (let r = 0; r < n; r++) {
    const sv = set.serviceIdx[r];
    if (index[sv] < 0) index[sv] = service.push(sv) - 1;
    groupOf[r] = index[sv];
  }
  return finish(groupOf, service, service.map(() => -1));
}
