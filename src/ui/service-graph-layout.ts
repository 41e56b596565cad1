// Layered left→right layout of a service graph: layers by call depth (longest path from the callers, cycles
// broken at back edges found by an iterative depth-first walk), long edges routed through slots in the layers
// they cross, order in a layer by barycentre sweeps, boxes placed.

export interface LayoutNodeInput {
  name: string;
  /** Box height (px). */
  height: number;
}

export interface LayoutEdgeInput {
  from: string;
  to: string;
}

export interface LayoutOptions {
  nodeWidth?: number;
  /** Horizontal gap between layers. */
  layerGap?: number;
  /** Vertical gap between boxes of a layer. */
  nodeGap?: number;
  margin?: number;
  /** Barycentre sweeps (down and up each count one). */
  sweeps?: number;
  /** Height of the slot a long edge takes in each layer it crosses. */
  dummyHeight?: number;
}

export interface PlacedNode {
  name: string;
  layer: number;
  /** Position in its layer, top first. */
  order: number;
  /** Top-left corner and size. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge {
  from: string;
  to: string;
  /** Start (right middle of the caller) and end (left middle of the callee). */
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Through the layers a long edge crosses: where it enters and leaves each slot, left to right. */
  via: { x: number; y: number }[];
  /** The edge closes a cycle or points to an earlier layer (drawn as a return arc). */
  back: boolean;
}

export interface GraphLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
  layers: number;
}

/** Edges (as index pairs) that close a cycle, found by an iterative depth-first walk from sources in name order. */
export function backEdges(count: number, out: readonly number[][], roots: readonly number[]): Set<string> {
  const colour = new Uint8Array(count); // 0 new, 1 on the stack, 2 done
  const back = new Set<string>();
  const stackNode: number[] = [];
  const stackNext: number[] = [];
  const visit = (root: number): void => {
    if (colour[root]) return;
    colour[root] = 1;
    stackNode.push(root);
    stackNext.push(0);
    while (stackNode.length) {
      const top = stackNode.length - 1;
      const v = stackNode[top];
      const k = stackNext[top]++;
      if (k >= out[v].length) {
        colour[v] = 2;
        stackNode.pop();
        stackNext.pop();
        continue;
      }
      const w = out[v][k];
      if (colour[w] === 1) back.add(`${v}>${w}`);
      else if (colour[w] === 0) {
        colour[w] = 1;
        stackNode.push(w);
        stackNext.push(0);
      }
    }
  };
  for (const r of roots) visit(r);
  for (let v = 0; v < count; v++) visit(v);
  return back;
}

/** Layer of each node: 0 for callers nobody calls, else one more than its deepest caller over forward edges. */
export function layersOf(count: number, forward: readonly number[][]): Int32Array {
  const indegree = new Int32Array(count);
  for (const list of forward) for (const w of list) indegree[w]++;
  const layer = new Int32Array(count);
  const queue: number[] = [];
  for (let v = 0; v < count; v++) if (!indegree[v]) queue.push(v);
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i];
    for (const w of forward[v]) {
      layer[w] = Math.max(layer[w], layer[v] + 1);
      if (--indegree[w] === 0) queue.push(w);
    }
  }
  return layer;
}

/** Reorders each layer (in place) by the mean position of its neighbours in the layer before (down) or after (up). */
function sweep(layers: number[][], pos: Float64Array, neighbours: readonly number[][], down: boolean): void {
  const L = layers.length;
  for (let step = 1; step < L; step++) {
    const l = down ? step : L - 1 - step;
    const keyed = layers[l].map((v) => {
      const ns = neighbours[v];
      const centre = ns.length ? ns.reduce((s, w) => s + pos[w], 0) / ns.length : pos[v];
      return { v, centre, was: pos[v] };
    });
    keyed.sort((a, b) => a.centre - b.centre || a.was - b.was);
    layers[l] = keyed.map((k) => k.v);
    layers[l].forEach((v, i) => (pos[v] = i));
  }
}

/** Pairs of edges between adjacent layers that cross, for the given order. */
export function crossings(layerOf: ArrayLike<number>, pos: ArrayLike<number>, edges: readonly [number, number][]): number {
  const adjacent = edges.filter(([a, b]) => layerOf[b] === layerOf[a] + 1);
  let count = 0;
  for (let i = 0; i < adjacent.length; i++) {
    for (let j = i + 1; j < adjacent.length; j++) {
      const [a, b] = adjacent[i];
      const [c, d] = adjacent[j];
      if (layerOf[a] !== layerOf[c]) continue;
      if ((pos[a] - pos[c]) * (pos[b] - pos[d]) < 0) count++;
    }
  }
  return count;
}

export function layoutServiceGraph(nodesIn: readonly LayoutNodeInput[], edgesIn: readonly LayoutEdgeInput[], opts: LayoutOptions = {}): GraphLayout {
  const nodeWidth = opts.nodeWidth ?? 170;
  const layerGap = opts.layerGap ?? 120;
  const nodeGap = opts.nodeGap ?? 28;
  const margin = opts.margin ?? 16;
  const sweeps = opts.sweeps ?? 4;
  const dummyHeight = opts.dummyHeight ?? 24;
  // Nodes in name order (a stable layout whatever order the edges came in).
  const nodes = [...nodesIn].sort((a, b) => a.name.localeCompare(b.name));
  const index = new Map(nodes.map((n, i) => [n.name, i]));
  const N = nodes.length;
  const out: number[][] = nodes.map(() => []);
  for (const e of edgesIn) {
    const a = index.get(e.from);
    const b = index.get(e.to);
    if (a === undefined || b === undefined || a === b) continue;
    if (!out[a].includes(b)) out[a].push(b);
  }
  for (const list of out) list.sort((x, y) => x - y);
  const indegree = new Int32Array(N);
  for (const list of out) for (const w of list) indegree[w]++;
  const roots = nodes.map((_, i) => i).filter((i) => !indegree[i]);
  const back = backEdges(N, out, roots);
  const forward = out.map((list, v) => list.filter((w) => !back.has(`${v}>${w}`)));
  const realLayer = layersOf(N, forward);
  // Long forward edges pass through one slot (a dummy node) per layer they cross, so that they are routed
  // around the boxes in between and take part in the ordering.
  const layerOf: number[] = Array.from(realLayer);
  const heights: number[] = nodes.map((n) => n.height);
  const next: number[][] = forward.map(() => []);
  const chains = new Map<string, number[]>();
  for (const [a, list] of forward.entries()) {
    for (const b of list) {
      let from = a;
      const chain: number[] = [];
      for (let l = realLayer[a] + 1; l < realLayer[b]; l++) {
        const d = layerOf.push(l) - 1;
        heights.push(dummyHeight);
        next.push([]);
        chain.push(d);
        next[from].push(d);
        from = d;
      }
      next[from].push(b);
      chains.set(`${a}>${b}`, chain);
    }
  }
  const M = layerOf.length;
  const L = N ? Math.max(...realLayer) + 1 : 0;
  const layers: number[][] = Array.from({ length: L }, () => []);
  for (let v = 0; v < M; v++) layers[layerOf[v]].push(v);
  const pos = new Float64Array(M);
  for (const layer of layers) layer.forEach((v, i) => (pos[v] = i));
  const callers: number[][] = next.map(() => []);
  const segments: [number, number][] = [];
  for (const [v, list] of next.entries()) {
    for (const w of list) {
      callers[w].push(v);
      segments.push([v, w]);
    }
  }
  // Barycentre sweeps; the order with the fewest crossings wins (a sweep can make things worse).
  let best = layers.map((l) => [...l]);
  let bestCross = crossings(layerOf, pos, segments);
  for (let s = 0; s < sweeps && bestCross > 0; s++) {
    sweep(layers, pos, s % 2 === 0 ? callers : next, s % 2 === 0);
    const c = crossings(layerOf, pos, segments);
    if (c < bestCross) [best, bestCross] = [layers.map((l) => [...l]), c];
  }
  // Coordinates: layers left to right, each layer's boxes stacked and centred on the tallest layer.
  const layerHeight = best.map((l) => l.reduce((h, v) => h + heights[v], 0) + Math.max(0, l.length - 1) * nodeGap);
  const tallest = Math.max(0, ...layerHeight);
  const x = (l: number): number => margin + l * (nodeWidth + layerGap);
  const top = new Float64Array(M);
  const order = new Int32Array(M);
  best.forEach((layer, l) => {
    let y = margin + (tallest - layerHeight[l]) / 2;
    layer.forEach((v, i) => {
      top[v] = y;
      order[v] = i;
      y += heights[v] + nodeGap;
    });
  });
  const placed: PlacedNode[] = nodes.map((n, v) => ({ name: n.name, layer: realLayer[v], order: order[v], x: x(realLayer[v]), y: top[v], width: nodeWidth, height: n.height }));
  const edges: PlacedEdge[] = [];
  for (const e of edgesIn) {
    const a = index.get(e.from);
    const b = index.get(e.to);
    if (a === undefined || b === undefined || a === b) continue;
    const p = placed[a];
    const q = placed[b];
    const via = (chains.get(`${a}>${b}`) ?? []).flatMap((d) => [{ x: x(layerOf[d]), y: top[d] + dummyHeight / 2 }, { x: x(layerOf[d]) + nodeWidth, y: top[d] + dummyHeight / 2 }]);
    edges.push({ from: e.from, to: e.to, x1: p.x + p.width, y1: p.y + p.height / 2, x2: q.x, y2: q.y + q.height / 2, via, back: q.layer <= p.layer });
  }
  return {
    nodes: placed,
    edges,
    width: L ? 2 * margin + L * nodeWidth + (L - 1) * layerGap : 2 * margin,
    height: 2 * margin + tallest,
    layers: L,
  };
}
