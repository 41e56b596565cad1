// Find within one trace: which waterfall rows match plain text (service, operation, span id, attribute
// keys and values, case-insensitive) or key=value, through the explorer state the worker uses.
import { describe, expect, it } from 'vitest';
import { findInTrace } from '../../src/analysis/traces/find-in-trace';
import { buildSpanForest } from '../../src/analysis/traces/span-forest';
import { traceSetOf, type SpanSpec } from '../../src/analysis/traces/synthetic';
import { TraceExplorerState } from '../../src/analysis/traces/trace-explorer-state';

// Rows in tree order: 0 root (web GET /), 1 A (cart GET /cart), 2 A1 (cache GET), 3 A2 (cart SELECT),
// 4 B (pay charge), 5 placeholder for "lost", 6 O (pay retry).
const specs: SpanSpec[] = [
  { id: 'root', service: 'web', op: 'GET /', start: 1000, dur: 1000, attributes: [['http.route', '/'], ['http.status_code', '500']] },
  { id: 'A', parent: 'root', service: 'cart', op: 'GET /cart', start: 1100, dur: 400, attributes: [['http.route', '/cart']] },
  { id: 'A1', parent: 'A', service: 'cache', op: 'GET', start: 1150, dur: 100, error: true, attributes: [['db.system', 'redis'], ['cache.key', 'Cart:42']] },
  { id: 'A2', parent: 'A', service: 'cart', op: 'SELECT', start: 1300, dur: 50, attributes: [['db.system', 'postgresql']] },
  { id: 'B', parent: 'root', service: 'pay', op: 'charge', start: 1550, dur: 350 },
  { id: 'O', parent: 'lost', service: 'pay', op: 'retry', start: 1800, dur: 100 },
];

describe('find in trace', () => {
  const set = traceSetOf(specs);
  const forest = buildSpanForest(set);
  const find = (text: string) => [...findInTrace(set, forest, 0, text)];

  it('matches services and operations, case-insensitive', () => {
    expect(find('cart')).toEqual([1, 2, 3]); // cart service ×2, and cache.key "Cart:42"
    expect(find('PAY')).toEqual([4, 6]);
    expect(find('get')).toEqual([0, 1, 2]);
  });

  it('matches attribute keys and values, and span ids (placeholders by the missing id)', () => {
    expect(find('redis')).toEqual([2]);
    expect(find('db.system')).toEqual([2, 3]);
    expect(find('lost')).toEqual([5]);
    expect(find('A2')).toEqual([3]);
  });

  it('key=value: the attribute key exactly, its value by substring', () => {
    expect(find('db.system=postgres')).toEqual([3]);
    expect(find('http.route=/cart')).toEqual([1]);
    expect(find('http.route=/')).toEqual([0, 1]);
    expect(find('db.sys=redis')).toEqual([]);
  });

  it('empty text, no match, and a missing trace give no rows', () => {
    expect(find('   ')).toEqual([]);
    expect(find('kafka')).toEqual([]);
    expect([...findInTrace(set, forest, 3, 'cart')]).toEqual([]);
  });

  it('the explorer state finds by trace id (what the worker calls)', () => {
    const state = new TraceExplorerState(set);
    expect([...state.find('t1', 'cache')]).toEqual([2]);
    expect([...state.find('nope', 'cache')]).toEqual([]);
  });
});
