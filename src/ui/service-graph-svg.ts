// The service graph drawn as SVG from the layered layout: service boxes (height by spans, error bar), caller →
// callee edges labelled with calls, error rate and p99 and coloured by error rate; hover, focus and selection.
import { layoutServiceGraph, type PlacedEdge } from './service-graph-layout';
import type { EdgeRow, LatencyRow } from '../workers/api-trace-insights';
import { errorBand, fmtMs, fmtPct } from './operations-format';

const NS = 'http://www.w3.org/2000/svg';
const NODE_WIDTH = 170;
const LAYER_GAP = 150;

type Attrs = Record<string, string | number>;

function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (SVGElement | string)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

export interface GraphHandlers {
  onSelect(service: string): void;
  /** Details of the hovered or focused node or edge (null when it is left). */
  onHover(text: string | null): void;
}

export function nodeText(n: LatencyRow): string {
  return `${n.service}: ${n.spans.toLocaleString('en-US')} spans, ${n.errors.toLocaleString('en-US')} errors (${fmtPct(n.errorRate)}), p50 ${fmtMs(n.p50)}, p99 ${fmtMs(n.p99)}`;
}

export function edgeText(e: EdgeRow): string {
  return `${e.from} → ${e.to}: ${e.calls.toLocaleString('en-US')} calls${e.asyncCalls ? ` (${e.asyncCalls} async)` : ''}, ${e.errors.toLocaleString('en-US')} errors (${fmtPct(e.errorRate)}), callee p50 ${fmtMs(e.p50)}, p99 ${fmtMs(e.p99)}`;
}

const shorten = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** An S-curve from one point to another (horizontal tangents at both ends). */
const curve = (x1: number, y1: number, x2: number, y2: number): string => {
  const dx = Math.max(30, (x2 - x1) / 2);
  return `C${x1 + dx},${y1} ${x2 - dx},${y2} ${x2},${y2}`;
};

/**
 * Path of an edge: S-curves between layers and straight runs through the slots of the layers it crosses;
 * an arc under both boxes for a return edge. The label sits in the middle of the first gap.
 */
function edgePath(e: PlacedEdge, below: number): { d: string; lx: number; ly: number } {
  if (!e.back) {
    const points = [{ x: e.x1, y: e.y1 }, ...e.via, { x: e.x2, y: e.y2 }];
    let d = `M${e.x1},${e.y1}`;
    for (let i = 1; i < points.length; i++) d += i % 2 === 1 ? ` ${curve(points[i - 1].x, points[i - 1].y, points[i].x, points[i].y)}` : ` L${points[i].x},${points[i].y}`;
    return { d, lx: (points[0].x + points[1].x) / 2, ly: (points[0].y + points[1].y) / 2 };
  }
  const sx = e.x1 - NODE_WIDTH / 2;
  const tx = e.x2 + NODE_WIDTH / 2;
  return { d: `M${sx},${below - 40} C${sx},${below + 10} ${tx},${below + 10} ${tx},${below - 40}`, lx: (sx + tx) / 2, ly: below - 2 };
}

function focusable(el: SVGGElement, label: string, hover: () => void, handlers: GraphHandlers, select?: () => void): void {
  el.setAttribute('tabindex', '0');
  el.setAttribute('aria-label', label);
  el.setAttribute('role', select ? 'button' : 'img');
  el.addEventListener('mouseenter', hover);
  el.addEventListener('focus', hover);
  el.addEventListener('mouseleave', () => handlers.onHover(null));
  el.addEventListener('blur', () => handlers.onHover(null));
  if (!select) return;
  el.addEventListener('click', select);
  el.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      select();
    }
  });
}

/** The graph as an <svg> element; `selected` is outlined. */
export function serviceGraphSvg(services: readonly LatencyRow[], edges: readonly EdgeRow[], selected: string | null, handlers: GraphHandlers): SVGSVGElement {
  const maxSpans = Math.max(1, ...services.map((n) => n.spans));
  const heightOf = (n: LatencyRow): number => Math.round(68 + 24 * Math.sqrt(n.spans / maxSpans));
  const layout = layoutServiceGraph(services.map((n) => ({ name: n.service, height: heightOf(n) })), edges, { nodeWidth: NODE_WIDTH, layerGap: LAYER_GAP, nodeGap: 36, margin: 24 });
  const hasBack = layout.edges.some((e) => e.back);
  const height = layout.height + (hasBack ? 50 : 0);
  const svg = s('svg', { class: 'sg-svg', viewBox: `0 0 ${layout.width} ${height}`, width: layout.width, height, role: 'group', 'aria-label': `Service graph: ${services.length} services, ${edges.length} edges` });
  // Fits the width it is given, but shrinks to no less than 3/4 of its size (then the host scrolls).
  svg.style.width = '100%';
  svg.style.maxWidth = `${layout.width}px`;
  svg.style.minWidth = `${Math.round(layout.width * 0.75)}px`;
  svg.style.height = 'auto';
  const defs = s('defs');
  for (const band of ['ok', 'low', 'high']) {
    defs.append(s('marker', { id: `sg-arrow-${band}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 10, markerHeight: 10, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' }, s('path', { d: 'M0,0 L10,5 L0,10 z', class: `sg-arrow sg-${band}` })));
  }
  svg.append(defs);
  const maxCalls = Math.max(2, ...edges.map((e) => e.calls));
  const byEdge = new Map(edges.map((e) => [`${e.from}\u0000${e.to}`, e]));
  const edgeLayer = s('g', { class: 'sg-edges' });
  const labelLayer = s('g', { class: 'sg-labels' });
  for (const pe of layout.edges) {
    const e = byEdge.get(`${pe.from}\u0000${pe.to}`);
    if (!e) continue;
    const band = errorBand(e.errorRate);
    const { d, lx, ly } = edgePath(pe, layout.height);
    const width = 1.2 + 3 * (Math.log(e.calls) / Math.log(maxCalls));
    const g = s('g', { class: `sg-edge sg-${band}`, 'data-from': e.from, 'data-to': e.to });
    g.append(
      s('path', { d, class: 'sg-edge-hit' }),
      s('path', { d, class: `sg-edge-line${e.asyncCalls === e.calls ? ' sg-async' : ''}`, 'stroke-width': width.toFixed(2), 'marker-end': `url(#sg-arrow-${band})` }),
    );
    focusable(g, edgeText(e), () => handlers.onHover(edgeText(e)), handlers);
    edgeLayer.append(g);
    const label = s('text', { x: lx, y: ly - 4, class: `sg-edge-label sg-${band}`, 'text-anchor': 'middle' },
      s('tspan', { x: lx, dy: 0 }, `${e.calls.toLocaleString('en-US')} calls · ${fmtPct(e.errorRate)} err`),
      s('tspan', { x: lx, dy: 13, class: 'sg-edge-p99' }, `p99 ${fmtMs(e.p99)}`),
    );
    labelLayer.append(label);
  }
  const nodeLayer = s('g', { class: 'sg-nodes' });
  const rows = new Map(services.map((n) => [n.service, n]));
  for (const pn of layout.nodes) {
    const n = rows.get(pn.name);
    if (!n) continue;
    const band = errorBand(n.errorRate);
    const g = s('g', { class: `sg-node sg-${band}${n.service === selected ? ' sg-selected' : ''}`, transform: `translate(${pn.x},${pn.y})`, 'data-service': n.service });
    const barWidth = (pn.width - 20) * Math.min(1, n.errorRate);
    g.append(
      s('title', {}, nodeText(n)),
      s('rect', { class: 'sg-box', width: pn.width, height: pn.height, rx: 7 }),
      s('text', { class: 'sg-name', x: 10, y: 21 }, shorten(n.service, 21)),
      s('text', { class: 'sg-facts', x: 10, y: 39 }, `${n.spans.toLocaleString('en-US')} spans · ${fmtPct(n.errorRate)} err`),
      s('text', { class: 'sg-facts', x: 10, y: 54 }, `p99 ${fmtMs(n.p99)}`),
      s('rect', { class: 'sg-errbar-bg', x: 10, y: pn.height - 9, width: pn.width - 20, height: 4, rx: 2 }),
      s('rect', { class: 'sg-errbar', x: 10, y: pn.height - 9, width: barWidth.toFixed(1), height: 4, rx: 2 }),
    );
    focusable(g, `${nodeText(n)}. Select to see its operations and RED charts.`, () => handlers.onHover(nodeText(n)), handlers, () => handlers.onSelect(n.service));
    nodeLayer.append(g);
  }
  svg.append(edgeLayer, nodeLayer, labelLayer);
  return svg;
}
