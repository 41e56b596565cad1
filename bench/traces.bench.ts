// Trace import throughput and memory: generated OTLP/JSON traces (one document and JSON Lines), Jaeger JSON
// ({data:[…]}) and Zipkin v2 JSON (array of traces), ~120 MB each, through parseSource at 4 MiB chunks,
// beside a plain TextDecoder + JSON.parse baseline that builds no model (its parsed objects held as its peak).

import type { TraceSet } from '../src/model/traces';
import { baselineRow, jsonBaseline, measureImport, parserRow, printImportTable, type ImportRow } from './import-figures';
import { fill } from './memory';
import { fmtBytes, fmtRate } from './table';

const BYTES = Number(process.env.BENCH_TRACE_MB ?? 120) * 1e6;
const T0_US = 1_730_000_000_000_000;
const SERVICES = ['frontend', 'checkout', 'cart', 'payment', 'inventory', 'shipping', 'email', 'ads'];
const ROUTES = ['/api/cart', '/api/checkout', '/api/products/{id}', '/api/ship', '/healthz'];

let seed = 11;
const rand = (): number => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
const hex = (digits: number): string => {
  let s = '';
  while (s.length < digits) s += Math.floor(rand() * 0x100000000).toString(16).padStart(8, '0');
  return s.slice(0, digits);
};

/** One generated span, format-neutral: µs times, hex ids, a few HTTP attributes, sometimes an event. */
interface GenSpan {
  traceId: string;
  spanId: string;
  parentId: string;
  service: string;
  name: string;
  kind: number;
  start: number;
  duration: number;
  error: boolean;
  attrs: [string, string | number][];
  event?: { time: number; name: string };
}

/** A trace of 8–24 spans across services (a root, then each span under a random earlier one). */
function genTrace(i: number): GenSpan[] {
  const traceId = hex(32);
  const n = 8 + Math.floor(rand() * 17);
  const start = T0_US + i * 50_000;
  const spans: GenSpan[] = [];
  for (let k = 0; k < n; k++) {
    const parent = k === 0 ? undefined : spans[Math.floor(rand() * k)];
    const route = ROUTES[Math.floor(rand() * ROUTES.length)];
    const status = rand() < 0.03 ? 500 : 200;
    spans.push({
      traceId,
      spanId: hex(16),
      parentId: parent ? parent.spanId : '',
      service: SERVICES[(k + i) % SERVICES.length],
      name: k === 0 ? `GET ${route}` : `${k % 2 ? 'SELECT' : 'POST'} ${route}`,
      kind: k === 0 ? 2 : k % 2 ? 3 : 2,
      start: (parent ? parent.start : start) + Math.floor(rand() * 2000),
      duration: 100 + Math.floor(rand() * 90_000),
      error: status === 500,
      attrs: [['http.method', k % 2 ? 'GET' : 'POST'], ['http.route', route], ['http.status_code', status], ['net.peer.name', `10.0.${k % 4}.${i % 250}`]],
      event: rand() < 0.2 ? { time: start + 500, name: 'cache miss' } : undefined,
    });
  }
  return spans;
}

const otlpValue = (v: string | number): string => (typeof v === 'number' ? `{"intValue":"${v}"}` : `{"stringValue":"${v}"}`);
const otlpAttrs = (attrs: [string, string | number][]): string => attrs.map(([k, v]) => `{"key":"${k}","value":${otlpValue(v)}}`).join(',');
const nanos = (us: number): string => `${us}${String(Math.floor(rand() * 1000)).padStart(3, '0')}`;

function otlpSpan(s: GenSpan): string {
  const event = s.event ? `,"events":[{"timeUnixNano":"${nanos(s.event.time)}","name":"${s.event.name}","attributes":[]}]` : '';
  return `{"traceId":"${s.traceId}","spanId":"${s.spanId}","parentSpanId":"${s.parentId}","name":"${s.name}","kind":${s.kind},"startTimeUnixNano":"${nanos(s.start)}","endTimeUnixNano":"${nanos(s.start + s.duration)}","attributes":[${otlpAttrs(s.attrs)}],"status":{${s.error ? '"code":2,"message":"HTTP 500"' : ''}}${event}}`;
}

/** One ResourceSpans per service of a batch of traces (as a Collector batch processor groups them). */
function otlpResourceSpans(i: number): string[] {
  const spans = [genTrace(i * 4), genTrace(i * 4 + 1), genTrace(i * 4 + 2), genTrace(i * 4 + 3)].flat();
  const out: string[] = [];
  for (const service of SERVICES) {
    const mine = spans.filter((s) => s.service === service);
    if (mine.length === 0) continue;
    const resource = `{"attributes":[${otlpAttrs([['service.name', service], ['host.name', `node-${i % 16}`], ['telemetry.sdk.language', 'go']])}]}`;
    out.push(`{"resource":${resource},"scopeSpans":[{"scope":{"name":"go.opentelemetry.io/otel","version":"1.28.0"},"spans":[${mine.map(otlpSpan).join(',')}]}]}`);
  }
  return out;
}

const otlpDocument = (bytes: number): Uint8Array =>
  fill(bytes, (i) => (i === 0 ? '{"resourceSpans":[' : `${i > 1 ? ',' : ''}${otlpResourceSpans(i).join(',')}`)).slice();

function closeDocument(bytes: Uint8Array, tail: string): Uint8Array {
  const end = new TextEncoder().encode(tail);
  const out = new Uint8Array(bytes.length + end.length);
  out.set(bytes);
  out.set(end, bytes.length);
  return out;
}

const otlpLines = (bytes: number): Uint8Array => fill(bytes, (i) => `{"resourceSpans":[${otlpResourceSpans(i).join(',')}]}\n`);

const jaegerTags = (attrs: [string, string | number][]): string =>
  attrs.map(([k, v]) => `{"key":"${k}","type":"${typeof v === 'number' ? 'int64' : 'string'}","value":${JSON.stringify(v)}}`).join(',');

function jaegerTrace(i: number): string {
  const spans = genTrace(i);
  const processes = new Map<string, string>();
  const body = spans.map((s) => {
    let pid = processes.get(s.service);
    if (!pid) processes.set(s.service, (pid = `p${processes.size + 1}`));
    const refs = s.parentId ? `{"refType":"CHILD_OF","traceID":"${s.traceId}","spanID":"${s.parentId}"}` : '';
    const tags = jaegerTags([...s.attrs, ['span.kind', s.kind === 2 ? 'server' : 'client'], ...(s.error ? [['error', 'true'] as [string, string]] : [])]);
    const logs = s.event ? `{"timestamp":${s.event.time},"fields":[{"key":"event","type":"string","value":"${s.event.name}"}]}` : '';
    return `{"traceID":"${s.traceId}","spanID":"${s.spanId}","flags":1,"operationName":"${s.name}","references":[${refs}],"startTime":${s.start},"duration":${s.duration},"tags":[${tags}],"logs":[${logs}],"processID":"${pid}","warnings":null}`;
  });
  const procs = [...processes].map(([service, pid]) => `"${pid}":{"serviceName":"${service}","tags":[{"key":"hostname","type":"string","value":"node-${i % 16}"}]}`);
  return `{"traceID":"${spans[0].traceId}","spans":[${body.join(',')}],"processes":{${procs.join(',')}},"warnings":null}`;
}

function zipkinTrace(i: number): string {
  const spans = genTrace(i).map((s) => {
    const parent = s.parentId ? `"parentId":"${s.parentId}",` : '';
    const tags = [...s.attrs.map(([k, v]) => `"${k}":"${v}"`), ...(s.error ? ['"error":"HTTP 500"'] : [])].join(',');
    const annotations = s.event ? `,"annotations":[{"timestamp":${s.event.time},"value":"${s.event.name}"}]` : '';
    return `{"traceId":"${s.traceId}",${parent}"id":"${s.spanId}","kind":"${s.kind === 2 ? 'SERVER' : 'CLIENT'}","name":"${s.name.toLowerCase()}","timestamp":${s.start},"duration":${s.duration},"localEndpoint":{"serviceName":"${s.service}","ipv4":"10.0.0.${i % 250}"},"remoteEndpoint":{"serviceName":"db","port":5432},"tags":{${tags}}${annotations}}`;
  });
  return `[${spans.join(',')}]`;
}

/** Bytes of the columns a TraceSet stores: every typed array plus its strings (as UTF-16 in memory). */
export function traceColumnsBytes(set: TraceSet): number {
  let n = 0;
  const strings = (list: string[]): void => {
    for (const s of list) n += 2 * s.length;
  };
  strings(set.traceIds);
  strings(set.spanIds);
  strings(set.services);
  strings(set.operations);
  strings(set.details.strings);
  const typed = [set.traceIdx, set.spanIdx, set.parentIdx, set.parentSpanIdx, set.serviceIdx, set.operationIdx, set.start, set.duration, set.status, set.kind];
  for (const t of typed) n += t.byteLength;
  for (const t of Object.values(set.links)) n += t.byteLength;
  for (const t of Object.values(set.details)) if (!Array.isArray(t)) n += t.byteLength;
  return n;
}

/** The generated inputs of ~`bytes` each (made on demand, one at a time). */
export function traceInputs(bytes: number): { name: string; file: string; lines: boolean; make: () => Uint8Array }[] {
  return [
    { name: 'OTLP traces document', file: 'traces.json', lines: false, make: () => closeDocument(otlpDocument(bytes), ']}') },
    { name: 'OTLP traces JSON Lines', file: 'traces.jsonl', lines: true, make: () => otlpLines(bytes) },
    { name: 'Jaeger JSON {data:[…]}', file: 'jaeger.json', lines: false, make: () => closeDocument(fill(bytes, (i) => (i === 0 ? '{"data":[' : `${i > 1 ? ',' : ''}${jaegerTrace(i)}`)).slice(), '],"total":0,"limit":0,"offset":0,"errors":null}') },
    { name: 'Zipkin v2 JSON (traces)', file: 'zipkin.json', lines: false, make: () => closeDocument(fill(bytes, (i) => (i === 0 ? '[' : `${i > 1 ? ',' : ''}${zipkinTrace(i)}`)).slice(), ']') },
  ];
}

export async function run(): Promise<void> {
  const rows: ImportRow[] = [];
  for (const input of traceInputs(BYTES)) {
    const bytes = input.make();
    const f = await measureImport(bytes, input.file);
    const set = f.parsed.traces;
    if (!set) throw new Error(`${input.name}: no traces parsed`);
    const base = jsonBaseline(bytes, input.lines);
    const size = `${fmtBytes(bytes.length)} · ${set.spanCount} spans`;
    rows.push(parserRow(input.name, 'faultline (4 MiB chunks)', size, bytes.length, f, traceColumnsBytes(set), base, 60, fmtRate(set.spanCount, f.ms, 'spans')));
    rows.push(baselineRow(input.name, input.lines ? 'JSON.parse per line (no model)' : 'one JSON.parse (no model)', fmtBytes(bytes.length), bytes.length, base));
  }
  printImportTable('Trace import (OTLP/JSON, Jaeger, Zipkin; best of 2 runs; live = GC before each sample)', rows);
}
