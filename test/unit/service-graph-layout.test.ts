// The service graph's layered layout: layers by call depth, cycles, crossing reduction and box coordinates,
// against positions worked out by hand (default sizes: box 170 wide, 120 between layers, 28 between boxes, margin 16).
import { describe, expect, it } from 'vitest';
import { backEdges, crossings, layersOf, layoutServiceGraph } from '../../src/ui/service-graph-layout';

const box = (name: string, height = 40) => ({ name, height });
const byName = (l: ReturnType<typeof layoutServiceGraph>) => Object.fromEntries(l.nodes.map((n) => [n.name, n]));

describe('service graph layout', () => {
  it('a call chain is one layer per depth, left to right', () => {
    const l = layoutServiceGraph(
      ['db', 'payment', 'frontend', 'checkout'].map((n) => box(n)),
      [{ from: 'frontend', to: 'checkout' }, { from: 'checkout', to: 'payment' }, { from: 'payment', to: 'db' }],
    );
    const n = byName(l);
    expect([n.frontend.layer, n.checkout.layer, n.payment.layer, n.db.layer]).toEqual([0, 1, 2, 3]);
    expect([n.frontend.x, n.checkout.x, n.payment.x, n.db.x]).toEqual([16, 306, 596, 886]);
    expect(l.nodes.every((x) => x.y === 16)).toBe(true);
    expect([l.width, l.height, l.layers]).toEqual([1072, 72, 4]);
    // Edges leave the caller's right side and enter the callee's left side, at mid-height.
    expect(l.edges[0]).toEqual({ from: 'frontend', to: 'checkout', x1: 186, y1: 36, x2: 306, y2: 36, via: [], back: false });
  });

  it('a callee sits one layer after its deepest caller', () => {
    const l = byName(layoutServiceGraph(['a', 'b', 'c'].map((n) => box(n)), [{ from: 'a', to: 'c' }, { from: 'a', to: 'b' }, { from: 'b', to: 'c' }]));
    expect([l.a.layer, l.b.layer, l.c.layer]).toEqual([0, 1, 2]);
  });

  it('a long edge passes through a slot in each layer it crosses', () => {
    const l = layoutServiceGraph(['a', 'b', 'c'].map((n) => box(n)), [{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }, { from: 'a', to: 'c' }]);
    const n = byName(l);
    // Layer 1 holds b (40) and the slot of a → c (24) 28 apart: 92 tall; a and c are centred on it.
    expect([n.a.y, n.b.y, n.c.y]).toEqual([42, 16, 42]);
    expect(l.edges.find((e) => e.to === 'c' && e.from === 'a')?.via).toEqual([{ x: 306, y: 96 }, { x: 476, y: 96 }]);
    expect(l.edges.find((e) => e.to === 'b')?.via).toEqual([]);
    expect(l.height).toBe(124);
  });

  it('a cycle is cut at its back edge, which is drawn as a return', () => {
    const l = layoutServiceGraph(['a', 'b', 'x'].map((n) => box(n)), [{ from: 'x', to: 'a' }, { from: 'a', to: 'b' }, { from: 'b', to: 'a' }]);
    const n = byName(l);
    expect([n.x.layer, n.a.layer, n.b.layer]).toEqual([0, 1, 2]);
    expect(l.edges.map((e) => [e.from, e.to, e.back])).toEqual([['x', 'a', false], ['a', 'b', false], ['b', 'a', true]]);
    // Two services calling each other and nobody else: the walk starts at the first name.
    const pair = byName(layoutServiceGraph([box('b'), box('a')], [{ from: 'a', to: 'b' }, { from: 'b', to: 'a' }]));
    expect([pair.a.layer, pair.b.layer]).toEqual([0, 1]);
  });

  it('back edges and layers on index lists', () => {
    // 0 → 1 → 2 → 0, 2 → 3
    const out = [[1], [2], [0, 3], []];
    expect([...backEdges(4, out, [])]).toEqual(['2>0']);
    expect([...layersOf(4, [[1], [2], [3], []])]).toEqual([0, 1, 2, 3]);
  });

  it('barycentre sweeps remove a crossing the name order makes', () => {
    // Name order puts a above b and c above d; a → d and b → c cross until c and d swap.
    const l = layoutServiceGraph(['a', 'b', 'c', 'd'].map((n) => box(n)), [{ from: 'a', to: 'd' }, { from: 'b', to: 'c' }]);
    const n = byName(l);
    expect([n.a.order, n.b.order, n.d.order, n.c.order]).toEqual([0, 1, 0, 1]);
    expect(crossings([0, 0, 1, 1], [n.a.order, n.b.order, n.c.order, n.d.order], [[0, 3], [1, 2]])).toBe(0);
    expect(crossings([0, 0, 1, 1], [0, 1, 0, 1], [[0, 3], [1, 2]])).toBe(1);
  });

  it('boxes of a layer are stacked with the gap and centred on the tallest layer', () => {
    const l = byName(layoutServiceGraph([box('root'), box('left', 40), box('right', 60)], [{ from: 'root', to: 'left' }, { from: 'root', to: 'right' }]));
    // Layer 1: 40 + 28 + 60 = 128 tall; the root (40) is centred: 16 + (128 − 40) / 2 = 60.
    expect([l.left.y, l.right.y, l.root.y]).toEqual([16, 84, 60]);
  });

  it('an empty graph and unknown edge ends', () => {
    expect(layoutServiceGraph([], [])).toEqual({ nodes: [], edges: [], width: 32, height: 32, layers: 0 });
    const l = layoutServiceGraph([box('a')], [{ from: 'a', to: 'ghost' }, { from: 'a', to: 'a' }]);
    expect(l.edges).toEqual([]);
    expect(l.nodes[0]).toMatchObject({ layer: 0, x: 16, y: 16 });
  });
});
