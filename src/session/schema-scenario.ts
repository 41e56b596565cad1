// The zod schema of a chaos scenario inside a session file: types, ranges and sizes of faults (ten kinds),
// per-edge policies, replay options, detection configuration and SLOs. The published JSON Schema is made from it.

import { z } from 'zod';
import { DETECTION_MODES, DETECTOR_NAMES, VOTINGS } from '../analysis/detectors/run-types';
import { BUDGETING_METHODS, COMPARISONS } from '../analysis/slo/definition';

/** Names a hostile file could use to reach an object's prototype: never accepted as keys. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
export const safeKey = (max: number) => z.string().min(1).max(max).refine((k) => !FORBIDDEN_KEYS.has(k), { message: 'this key name is not allowed' });

const ms = z.number().min(0);
const pct = z.number().min(0).max(100);
const text = (max: number) => z.string().max(max);
export const serviceName = z.string().min(1).max(256);
const services = z.array(serviceName).min(1).max(256);
const direction = z.enum(['to', 'from', 'both']);

const base = {
  startMs: ms,
  durationMs: z.number().positive(),
  targets: services,
  probability: z.number().min(0).max(1).optional(),
};

const faultSchemas = [
  z.object({ kind: z.literal('network-latency'), ...base, latencyMs: ms, jitterMs: ms.optional(), correlationPct: pct.optional(), direction: direction.optional() }),
  z.object({ kind: z.literal('packet-loss'), ...base, lossPct: pct, correlationPct: pct.optional(), direction: direction.optional(), retransmitMs: z.number().min(1).optional(), maxRetransmits: z.number().int().min(0).max(20).optional() }),
  z.object({ kind: z.literal('service-crash'), ...base, downtimeMs: ms, restartWarmupMs: ms.optional(), warmupFactor: z.number().min(1).max(1000).optional(), repeatIntervalMs: ms.optional() }),
  z.object({ kind: z.literal('cascading-failure'), ...base, hangMs: ms, propagationDelayMs: ms.optional(), propagationProbability: z.number().min(0).max(1).optional(), maxDepth: z.number().int().min(0).max(64).optional(), poolExhaustionPct: pct.optional() }),
  z.object({ kind: z.literal('byzantine'), ...base, wrongStatusPct: pct, replaceStatus: z.number().int().min(100).max(599).optional() }),
  z.object({ kind: z.literal('memory-leak'), ...base, leakRateMBps: ms, oomAtMB: z.number().min(1), baseMB: ms.optional(), restartDelayMs: ms.optional() }),
  z.object({ kind: z.literal('cpu-spike'), ...base, loadPct: pct, cores: z.number().int().min(1).max(8192).optional() }),
  z.object({ kind: z.literal('data-corruption'), ...base, nanPct: pct.optional(), duplicatePct: pct.optional(), outOfOrderPct: pct.optional(), missingPct: pct.optional(), correlationPct: pct.optional() }),
  z.object({ kind: z.literal('clock-skew'), ...base, offsetMs: z.number(), driftPpm: z.number().min(-1e6).max(1e6).optional() }),
  z.object({ kind: z.literal('network-partition'), ...base, groupB: services, direction: direction.optional(), healAtMs: ms.optional(), connectTimeoutMs: ms.optional() }),
] as const;

export const faultSchema = z.discriminatedUnion('kind', faultSchemas);

const backoff = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('constant'), waitDurationMs: ms }),
  z.object({ kind: z.literal('exponential'), initialIntervalMs: z.number().min(1), multiplier: z.number().min(1).max(1000), maxIntervalMs: ms.optional() }),
  z.object({ kind: z.literal('exponential-random'), initialIntervalMs: z.number().min(1), multiplier: z.number().min(1).max(1000), randomizationFactor: z.number().min(0).max(1), maxIntervalMs: ms.optional() }),
  z.object({ kind: z.enum(['aws-full', 'aws-equal', 'aws-decorrelated', 'aws-none']), baseMs: ms, capMs: ms }),
]);

const edgePolicy = z.object({
  timeoutMs: z.number().positive().optional(),
  retry: z.object({ maxAttempts: z.number().int().min(1).max(100), backoff }).optional(),
  circuitBreaker: z.object({
    slidingWindowType: z.enum(['COUNT_BASED', 'TIME_BASED']),
    slidingWindowSize: z.number().int().min(1).max(1e6),
    failureRateThreshold: z.number().gt(0).max(100),
    slowCallRateThreshold: z.number().gt(0).max(100),
    slowCallDurationThresholdMs: z.number().positive(),
    minimumNumberOfCalls: z.number().int().min(1).max(1e9),
    waitDurationInOpenStateMs: z.number().min(1),
    permittedNumberOfCallsInHalfOpenState: z.number().int().min(1).max(1e6),
  }).optional(),
  bulkhead: z.object({ maxConcurrentCalls: z.number().int().min(1).max(1e6), maxWaitDurationMs: ms }).optional(),
  fallback: z.boolean().optional(),
});

/** "caller>callee": two service names. */
const edgeKey = safeKey(513).regex(/^[^>]+>[^>]+$/, { message: 'an edge is written "caller>callee"' });

const detectorName = z.enum(DETECTOR_NAMES as [string, ...string[]]);

export const detectionSchema = z.object({
  mode: z.enum(DETECTION_MODES as [string, ...string[]]),
  detectors: z.array(detectorName).max(DETECTOR_NAMES.length * 2),
  params: z.partialRecord(detectorName, z.record(safeKey(64), z.number())).optional().default({}),
  voting: z.enum(VOTINGS as [string, ...string[]]),
  weights: z.partialRecord(detectorName, z.number().min(0)).optional(),
  suppression: z.object({
    cooldownMs: ms,
    minDurationMs: ms,
    maintenance: z.array(z.object({ start: z.number(), end: z.number(), series: text(1024).optional() })).max(10_000),
  }),
});

const selector = z.object({
  metric: text(512),
  matchers: z.array(z.object({ label: text(256), op: z.enum(['=', '!=', '=~', '!~']), value: text(1024) })).max(64),
});

const eventSource = z.discriminatedUnion('from', [
  z.object({ from: z.literal('counters'), good: selector.optional(), bad: selector.optional(), total: selector }),
  z.object({ from: z.literal('histogram'), buckets: selector, threshold: z.number() }),
  z.object({ from: z.literal('spans'), service: serviceName.optional(), operation: text(1024).optional(), maxDurationMs: z.number().optional() }),
]);

export const sloSchema = z.object({
  name: text(63),
  displayName: text(1024).optional(),
  description: text(4096).optional(),
  service: serviceName.optional(),
  sli: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('ratio'), events: eventSource }),
    z.object({ kind: z.literal('threshold'), series: selector, op: z.enum(COMPARISONS as [string, ...string[]]), threshold: z.number() }),
  ]),
  objective: z.number().gt(0).lt(1),
  timeWindow: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('rolling'), ms: z.number().min(60_000) }),
    z.object({ kind: z.literal('calendar'), unit: z.enum(['week', 'month']), startTime: text(64).optional(), timeZone: text(64).optional() }),
  ]),
  budgetingMethod: z.enum(BUDGETING_METHODS as [string, ...string[]]),
  timeSliceTarget: z.number().optional(),
  timeSliceWindowMs: z.number().optional(),
  alertConditions: z.array(z.object({ name: text(256), severity: text(64), threshold: z.number(), lookbackMs: ms, alertAfterMs: ms })).max(64).optional(),
});

const positiveInt = z.number().int().min(1);

export const scenarioSchema = z.object({
  version: z.literal(1),
  name: text(256),
  /** The replay's PRNG seed: an unsigned 32-bit integer. */
  seed: z.number().int().min(0).max(0xffffffff),
  faults: z.array(faultSchema).max(1000),
  policies: z.record(edgeKey, edgePolicy),
  replay: z.object({
    bucketMs: z.number().int().min(1).max(86_400_000).optional(),
    workersPerService: positiveInt.max(1e6).optional(),
    queueLimit: z.number().int().min(0).max(1e9).optional(),
    coresPerService: positiveInt.max(8192).optional(),
    traceEvery: z.number().int().min(0).optional(),
  }),
  detection: detectionSchema,
  slos: z.array(sloSchema).max(256),
});
