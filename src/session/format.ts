// The .faultline session file: versioned JSON (scenario, view state kept apart from data, the dataset by
// name and SHA-256, optionally embedded, a redaction flag) and its zod schema; size limits of a file.

import { z } from 'zod';
import type { Scenario } from '../chaos/scenario';
import type { EmbeddedData } from './embed';
import { safeKey, scenarioSchema, serviceName } from './schema-scenario';

export const SESSION_FORMAT = 'faultline-session';
export const SESSION_VERSION = 1;
export const SESSION_EXTENSION = '.faultline';

export interface SessionLimits {
  /** Largest gzip file read, bytes. */
  maxCompressedBytes: number;
  /** Largest JSON inflated from it, bytes (a decompression bomb stops here, while streaming). */
  maxDecompressedBytes: number;
}

export const DEFAULT_LIMITS: SessionLimits = { maxCompressedBytes: 64 * 1024 * 1024, maxDecompressedBytes: 512 * 1024 * 1024 };

/** View state (which panel, zoom, selected fault) as the chaos lab's URL parameters: never data. */
export interface SessionView {
  params: Record<string, string>;
}

export interface SessionDataset {
  /** The dataset's name where it was exported (a redacted session says "redacted dataset"). */
  name: string;
  /** Lower-case hex SHA-256 of the content (fingerprint.ts); of the redacted content when redacted. */
  fingerprint: string;
  embedded?: EmbeddedData;
}

export interface Session {
  format: typeof SESSION_FORMAT;
  version: typeof SESSION_VERSION;
  /** When it was exported (ISO-8601); informational only, never part of a result. */
  created: string;
  scenario: Scenario;
  view: SessionView;
  dataset: SessionDataset;
  /** True when label and attribute values were replaced by pseudonyms on export. */
  redacted: boolean;
}

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'expected base64 text' });
const labels = z.record(safeKey(256), z.string().max(4096));
const column = z.object({ type: z.enum(['f64', 'u32', 'i32', 'u8']), data: b64 });

const embeddedSchema = z.object({
  series: z.array(z.object({
    name: z.string().max(1024),
    labels,
    metricType: z.enum(['gauge', 'counter', 'histogram', 'gaugehistogram', 'summary', 'info', 'stateset', 'untyped']).optional(),
    unit: z.string().max(256).optional(),
    t: b64,
    v: b64,
  })).max(1_000_000),
  traces: z.record(z.string().max(64), z.union([column, z.array(z.string())])).optional(),
});

export const sessionSchema = z.object({
  format: z.literal(SESSION_FORMAT),
  version: z.literal(SESSION_VERSION),
  created: z.string().max(64),
  scenario: scenarioSchema,
  view: z.object({ params: z.record(safeKey(64), z.string().max(4096)) }),
  dataset: z.object({
    name: z.string().min(1).max(1024),
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/, { message: 'expected 64 lower-case hex digits (SHA-256)' }),
    embedded: embeddedSchema.optional(),
  }),
  redacted: z.boolean(),
});

/** Services a label value or fault target may name (re-exported for the CLI's argument checks). */
export { serviceName };
