// Writes public/demo/service-traces.json.gz: one hour of OTLP/JSON traces (2026-03-03 13:40–14:40 UTC) of a
// small shop's services, with the metrics demo's incident (a bad cache node from 14:10). Deterministic (seeded PRNG).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Rng } from '../src/chaos/rng';

const START_MS = Date.UTC(2026, 2, 3, 13, 40, 0);
const MINUTES = 60;
/** The incident of the metrics demo: 2026-03-03 14:10 UTC for 40 minutes (30 of them in this hour). */
const INCIDENT_START_MIN = 30;
const INCIDENT_MINUTES = 40;
/** Requests per second reaching the frontend (average). */
const RATE = 0.6;

const rng = new Rng(20260303);
const rand = () => rng.uniform();
const hex8 = () => Math.floor(rand() * 2 ** 32).toString(16).padStart(8, '0');
const between = (lo: number, hi: number) => lo + rand() * (hi - lo);
/** Log-normal around `median` (µs). */
function lognormal(median: number, sigma: number): number {
  const u = Math.max(rand(), 1e-12);
  return median * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand()));
}

/** Incident level 0…1 at minute `m` of the hour: ramps up over 5 minutes, holds, recovers over the last 8. */
const incidentLevel = (m: number): number =>
  Math.max(0, Math.min(1, (m - INCIDENT_START_MIN) / 5, (INCIDENT_START_MIN + INCIDENT_MINUTES - m) / 8));

type Attr = [string, string | number];
interface Span {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** OTLP kind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  start: number;
  end: number;
  attrs: Attr[];
  error?: string;
  events?: { time: number; name: string; attrs: Attr[] }[];
  links?: { traceId: string; spanId: string }[];
}

const KIND = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 } as const;

/** One trace under construction: spans in creation order, a clock offset for the bank's hosts. */
class Trace {
  readonly id = hex8() + hex8() + hex8() + hex8();
  readonly spans: Span[] = [];
  constructor(readonly level: number, readonly bankSkewUs: number) {}

  open(service: string, name: string, kind: number, parent: Span | undefined, start: number, attrs: Attr[] = []): Span {
    const s: Span = { service, traceId: this.id, spanId: hex8() + hex8(), parentSpanId: parent?.spanId, name, kind, start, end: start, attrs };
    this.spans.push(s);
    return s;
  }
}

/** A client span in `caller` wrapping a server span in `callee`; returns both. */
function rpc(tr: Trace, caller: Span, callee: string, method: string, route: string, start: number): [Span, Span] {
  const client = tr.open(caller.service, `${method} ${route}`, KIND.client, caller, start, [
    ['http.method', method], ['http.url', `http://${callee}:8080${route}`], ['net.peer.name', callee],
  ]);
  const server = tr.open(callee, `${method} ${route}`, KIND.server, client, start + between(150, 600), [
    ['http.method', method], ['http.route', route], ['http.scheme', 'http'],
  ]);
  return [client, server];
}

/** Ends a client/server pair: the server at `serverEnd`, the client a little later, status codes on both. */
function close(pair: [Span, Span], serverEnd: number, status: number, why?: string): number {
  const [client, server] = pair;
  server.end = serverEnd;
  client.end = serverEnd + between(150, 700);
  client.attrs.push(['http.status_code', status]);
  server.attrs.push(['http.status_code', status]);
  if (status >= 500) {
    server.error = why ?? `HTTP ${status}`;
    client.error = `HTTP ${status} from ${server.service}`;
  }
  return client.end;
}

const CACHE_NODES = ['cache-1', 'cache-2', 'cache-3'];

/** A cache command from `caller`; ends at the returned time; `ok` false when the command failed. */
function cacheCall(tr: Trace, caller: Span, command: string, key: string, start: number): { end: number; ok: boolean } {
  const node = CACHE_NODES[Math.floor(rand() * 3)];
  const client = tr.open(caller.service, `redis ${command}`, KIND.client, caller, start, [
    ['db.system', 'redis'], ['db.operation', command], ['net.peer.name', node], ['db.redis.key', key],
  ]);
  const server = tr.open('cache', command, KIND.server, client, start + between(80, 200), [['db.system', 'redis'], ['host.name', node], ['db.operation', command]]);
  const bad = node === 'cache-2' && tr.level > 0;
  const work = bad ? tr.level * lognormal(380_000, 0.5) + lognormal(600, 0.4) : lognormal(450, 0.5);
  server.end = server.start + work;
  let ok = true;
  if (bad && rand() < 0.55 * tr.level) {
    ok = false;
    server.error = rand() < 0.7 ? 'timeout waiting for replica acknowledgement' : 'LOADING Redis is loading the dataset in memory';
    server.events = [{ time: server.end - 50, name: 'exception', attrs: [['exception.type', 'RedisTimeoutError'], ['exception.message', server.error]] }];
    client.error = `redis ${command} failed: ${server.error}`;
  }
  client.end = server.end + between(80, 200);
  return { end: client.end, ok };
}

/** A database statement as one client span of `caller` (no server side: the database is not traced). */
function dbCall(tr: Trace, caller: Span, statement: string, table: string, start: number, median: number): number {
  const s = tr.open(caller.service, `${statement.split(' ')[0]} ${table}`, KIND.client, caller, start, [
    ['db.system', 'postgresql'], ['db.name', 'shop'], ['db.statement', statement], ['db.sql.table', table],
  ]);
  s.end = start + lognormal(median, 0.4);
  return s.end;
}

/** cart: GET /cart reads the cart from the cache (falling back to the database on a miss or some failures). */
function cartGet(tr: Trace, caller: Span, start: number, userId: string): number {
  const pair = rpc(tr, caller, 'cart', 'GET', '/cart', start);
  const srv = pair[1];
  srv.attrs.push(['app.user_id', userId]);
  let t = srv.start + between(100, 400);
  const cached = cacheCall(tr, srv, 'GET', `cart:${userId}`, t);
  t = cached.end + between(50, 200);
  if (!cached.ok && rand() < 0.75) return close(pair, t + between(100, 300), 503, 'cart store unavailable');
  if (!cached.ok || rand() < 0.2) t = dbCall(tr, srv, 'SELECT * FROM carts WHERE user_id = $1', 'carts', t, 2_500) + between(50, 150);
  return close(pair, t + between(200, 600), 200);
}

/** catalog: one product (cache first) or the product list. */
function catalog(tr: Trace, caller: Span, start: number, product?: string): number {
  const pair = rpc(tr, caller, 'catalog', 'GET', product ? '/products/{id}' : '/products', start);
  const srv = pair[1];
  if (product) srv.attrs.push(['app.product_id', product]);
  let t = srv.start + between(100, 300);
  const cached = cacheCall(tr, srv, 'GET', product ? `product:${product}` : 'products:top', t);
  t = cached.end + between(50, 150);
  if (!cached.ok || rand() < 0.1) t = dbCall(tr, srv, 'SELECT * FROM products WHERE id IN ($1)', 'products', t, 3_000) + between(50, 150);
  return close(pair, t + between(300, 1_200), 200);
}

/** payment: authorise with the bank (a host whose clock runs off in some traces), then write the ledger. */
function payment(tr: Trace, caller: Span, start: number, amount: number): { end: number; ok: boolean } {
  const pair = rpc(tr, caller, 'payment', 'POST', '/charge', start);
  const srv = pair[1];
  srv.attrs.push(['app.amount', amount.toFixed(2)]);
  let t = srv.start + between(200, 500);
  const bankClient = tr.open('payment', 'POST /v1/authorize', KIND.client, srv, t, [['http.method', 'POST'], ['net.peer.name', 'bank']]);
  const bankServer = tr.open('bank', 'authorize', KIND.server, bankClient, t + between(500, 1_500) + tr.bankSkewUs, [['bank.network', 'visa']]);
  bankServer.end = bankServer.start + lognormal(35_000, 0.35);
  const declined = rand() < 0.006;
  if (declined) {
    bankServer.error = 'card declined: insufficient funds';
    bankServer.attrs.push(['bank.response_code', '51']);
  }
  bankClient.end = bankServer.end - tr.bankSkewUs + between(500, 1_500);
  if (declined) {
    bankClient.error = 'authorization declined';
    return { end: close(pair, bankClient.end + between(200, 500), 502, 'payment declined by the bank'), ok: false };
  }
  t = dbCall(tr, srv, 'INSERT INTO ledger (order_id, amount) VALUES ($1, $2)', 'ledger', bankClient.end + between(100, 300), 4_000);
  return { end: close(pair, t + between(200, 500), 200), ok: true };
}

/** checkout: cart, inventory, payment, then an "order placed" message consumed by the email service. */
function checkout(tr: Trace, caller: Span, start: number, userId: string): number {
  const pair = rpc(tr, caller, 'checkout', 'POST', '/checkout', start);
  const srv = pair[1];
  srv.attrs.push(['app.user_id', userId]);
  let t = cartGet(tr, srv, srv.start + between(200, 500), userId);
  if (tr.spans.some((s) => s.error && s.service === 'cart' && s.kind === KIND.server)) return close(pair, t + between(300, 800), 502, 'could not read the cart');
  const inv = rpc(tr, srv, 'inventory', 'POST', '/reserve', t + between(100, 300));
  t = dbCall(tr, inv[1], 'UPDATE stock SET reserved = reserved + $2 WHERE sku = $1', 'stock', inv[1].start + between(100, 300), 3_500);
  t = close(inv, t + between(100, 300), 200);
  const paid = payment(tr, srv, t + between(100, 300), between(5, 400));
  if (!paid.ok) return close(pair, paid.end + between(200, 500), 502, 'payment failed');
  const producer = tr.open('checkout', 'orders publish', KIND.producer, srv, paid.end + between(100, 300), [
    ['messaging.system', 'kafka'], ['messaging.destination.name', 'orders'], ['messaging.operation', 'publish'],
  ]);
  producer.end = producer.start + lognormal(1_200, 0.3);
  const consumer = tr.open('email', 'orders process', KIND.consumer, producer, producer.end + lognormal(40_000, 0.6), [
    ['messaging.system', 'kafka'], ['messaging.destination.name', 'orders'], ['messaging.operation', 'process'],
  ]);
  const smtp = tr.open('email', 'smtp send', KIND.client, consumer, consumer.start + between(200, 600), [['net.peer.name', 'smtp.example.test']]);
  smtp.end = smtp.start + lognormal(60_000, 0.4);
  consumer.end = smtp.end + between(200, 600);
  return close(pair, producer.end + between(300, 900), 200);
}

/** One user request through the frontend at `start` (µs since the epoch). */
function request(tr: Trace, start: number): void {
  const userId = `u-${1000 + Math.floor(rand() * 400)}`;
  const pick = rand();
  const route = pick < 0.4 ? '/' : pick < 0.65 ? '/product/{id}' : pick < 0.85 ? '/cart' : '/checkout';
  const method = route === '/checkout' ? 'POST' : 'GET';
  const root = tr.open('frontend', `${method} ${route}`, KIND.server, undefined, start, [
    ['http.method', method], ['http.route', route], ['http.scheme', 'https'], ['app.user_id', userId],
    ['http.user_agent', rand() < 0.6 ? 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131' : 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_2) Safari/604.1'],
  ]);
  let t = start + between(300, 900);
  if (route === '/') t = catalog(tr, root, t);
  else if (route === '/product/{id}') t = catalog(tr, root, t, `p-${100 + Math.floor(rand() * 60)}`);
  else if (route === '/cart') t = cartGet(tr, root, t, userId);
  else t = checkout(tr, root, t, userId);
  const failed = tr.spans.some((s) => s.error && s.parentSpanId === root.spanId);
  const render = tr.open('frontend', 'render page', KIND.internal, root, t + between(100, 300), [['template', route === '/' ? 'home' : route.slice(1).split('/')[0]]]);
  render.end = render.start + lognormal(1_800, 0.4);
  root.end = render.end + between(200, 600);
  root.attrs.push(['http.status_code', failed ? 502 : 200]);
  if (failed) root.error = 'upstream failed';
}

const nanos = (us: number) => (BigInt(Math.round(us)) * 1000n).toString();
const kv = ([key, v]: Attr) => ({ key, value: typeof v === 'number' ? { intValue: String(v) } : { stringValue: v } });

function otlpSpan(s: Span) {
  return {
    traceId: s.traceId,
    spanId: s.spanId,
    ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
    name: s.name,
    kind: s.kind,
    startTimeUnixNano: nanos(s.start),
    endTimeUnixNano: nanos(s.end),
    attributes: s.attrs.map(kv),
    ...(s.events ? { events: s.events.map((e) => ({ timeUnixNano: nanos(e.time), name: e.name, attributes: e.attrs.map(kv) })) } : {}),
    ...(s.links ? { links: s.links } : {}),
    status: s.error ? { code: 2, message: s.error } : {},
  };
}

export interface DemoTraces {
  /** The OTLP/JSON document (one export request per minute, one resourceSpans per service). */
  json: string;
  traces: number;
  spans: number;
}

export function generate(): DemoTraces {
  const requests: { resourceSpans: unknown[] }[] = [];
  let traces = 0;
  let spans = 0;
  for (let m = 0; m < MINUTES; m++) {
    const minuteSpans: Span[] = [];
    const level = incidentLevel(m);
    const count = Math.round(RATE * 60 * between(0.85, 1.15) * (1 - 0.18 * level));
    for (let i = 0; i < count; i++) {
      const start = (START_MS + m * 60_000) * 1000 + ((i + rand()) / count) * 60e6;
      const tr = new Trace(level, rand() < 0.06 ? -between(20_000, 60_000) : 0);
      request(tr, start);
      // A lost span now and then (an exporter dropped the inventory server span): its children are orphans.
      let kept = tr.spans;
      if (rand() < 0.01) kept = kept.filter((s) => !(s.service === 'inventory' && s.kind === KIND.server));
      minuteSpans.push(...kept);
      traces++;
      spans += kept.length;
    }
    const byService = new Map<string, Span[]>();
    for (const s of minuteSpans) byService.set(s.service, [...(byService.get(s.service) ?? []), s]);
    requests.push({
      resourceSpans: [...byService].map(([service, list]) => ({
        resource: { attributes: [kv(['service.name', service]), kv(['service.namespace', 'shop']), kv(['deployment.environment', 'demo'])] },
        scopeSpans: [{ scope: { name: 'faultline-demo', version: '1.0.0' }, spans: list.map(otlpSpan) }],
      })),
    });
  }
  // JSON Lines: one OTLP export request per line (as a Collector's file exporter writes).
  return { json: requests.map((r) => JSON.stringify(r)).join('\n') + '\n', traces, spans };
}

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(here, '../public/demo/service-traces.json.gz');
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  mkdirSync(dirname(out), { recursive: true });
  const demo = generate();
  const gz = gzipSync(Buffer.from(demo.json), { level: 9 });
  writeFileSync(out, gz);
  console.log(`wrote ${out} (${demo.traces} traces, ${demo.spans} spans, ${(demo.json.length / 1024).toFixed(0)} KiB JSON, ${(gz.length / 1024).toFixed(0)} KiB gzip)`);
}
