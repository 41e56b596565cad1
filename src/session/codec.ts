// Reading and writing .faultline bytes: gzip of the session JSON. A read checks, in order, the compressed
// size, the gzip magic, the inflated size (while streaming), JSON, format and version, the schema (zod), the
// domain rules of detection and SLOs, and that embedded data hashes to the stated fingerprint.

import { validateDetection } from '../analysis/detectors/run-types';
import { validateSlo, type SloDefinition } from '../analysis/slo/definition';
import { isGzip } from '../formats/gzip';
import { unembedData } from './embed';
import { failed, sessionError, type SessionResult } from './errors';
import { datasetFingerprint } from './fingerprint';
import { DEFAULT_LIMITS, SESSION_FORMAT, SESSION_VERSION, sessionSchema, type Session, type SessionLimits } from './format';
import { gunzipHead, gunzipLimited, gzipBytes } from './gzip-bytes';
import type { Series } from '../model/series';
import type { TraceSet } from '../model/traces';

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 0)} MB`;

/** A session ready to use: the validated file and its embedded data decoded (when it has some). */
export interface DecodedSession {
  session: Session;
  embedded?: { series: Series[]; traces?: TraceSet };
}

export async function encodeSession(session: Session): Promise<Uint8Array<ArrayBuffer>> {
  return gzipBytes(new TextEncoder().encode(JSON.stringify(session)));
}

/** "scenario.faults[0].durationMs" from a zod issue path. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (typeof p === 'string' && /^[A-Za-z_$][\w$]*$/.test(p)) out += out ? `.${p}` : p;
    else out += `[${JSON.stringify(String(p))}]`;
  }
  return out;
}

/** True when the bytes look like a session file: gzip whose JSON starts with format "faultline-session". */
export async function isSessionBytes(bytes: Uint8Array<ArrayBuffer>): Promise<boolean> {
  if (!isGzip(bytes)) return false;
  const head = await gunzipHead(bytes, 4096);
  if (!head) return false;
  return /^\s*\{\s*"format"\s*:\s*"faultline-session"/.test(new TextDecoder().decode(head));
}

export async function decodeSession(bytes: Uint8Array<ArrayBuffer>, limits: SessionLimits = DEFAULT_LIMITS): Promise<SessionResult<DecodedSession>> {
  if (bytes.length > limits.maxCompressedBytes) {
    return failed(sessionError('too-large', `The session file is ${mb(bytes.length)}, more than the ${mb(limits.maxCompressedBytes)} a session may be`, '', 'Export it again without embedded data, and import the dataset file on its own.'));
  }
  if (!isGzip(bytes)) {
    return failed(sessionError('not-gzip', 'This is not a Faultline session: a .faultline file is gzip-compressed and this one does not start with the gzip bytes 1f 8b 08', 'byte 0', 'Choose a file exported by Faultline (Export session), or import telemetry with Import telemetry.'));
  }
  const inflated = await gunzipLimited(bytes, limits.maxDecompressedBytes);
  if (!inflated.ok) {
    if (inflated.reason === 'too-large') {
      return failed(sessionError('too-large', `The session inflates to more than ${mb(limits.maxDecompressedBytes)}; reading stopped there`, `inflated byte ${limits.maxDecompressedBytes}`, 'This file is too large to be a session (or was built to exhaust memory); ask for one without embedded data.'));
    }
    return failed(sessionError('corrupt', `The session file is damaged or cut short: its gzip data cannot be read (${inflated.message})`, '', 'Copy or download the file again; a complete file ends with the gzip trailer.'));
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes);
  } catch {
    return failed(sessionError('not-json', 'The session does not hold UTF-8 text', '', 'Choose a file exported by Faultline.'));
  }
  let json: unknown;
  let forbidden: string | undefined;
  try {
    // A key that could reach an object's prototype is refused outright (a validator would drop it silently).
    json = JSON.parse(text, (key: string, value: unknown) => {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') forbidden ??= key;
      return value;
    });
  } catch (e) {
    return failed(sessionError('not-json', `The session does not hold valid JSON (${e instanceof Error ? e.message : String(e)})`, '', 'Choose a file exported by Faultline; this one was damaged or edited by hand.'));
  }
  if (forbidden) {
    return failed(sessionError('invalid', `The session uses the key "${forbidden}", which is never allowed`, `key "${forbidden}"`, 'Export the session again from Faultline; this file was edited to attack the page.'));
  }
  const head = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  if (!head || head.format !== SESSION_FORMAT) {
    return failed(sessionError('not-session', `The file holds JSON but not a Faultline session (no "format": "${SESSION_FORMAT}")`, 'format', 'Choose a file exported by Faultline (Export session).'));
  }
  if (typeof head.version === 'number' && Number.isInteger(head.version) && head.version > SESSION_VERSION) {
    return failed(sessionError('future-version', `This session was made by a newer Faultline (version ${head.version}); this one reads version ${SESSION_VERSION}`, 'version', 'Open it in an up-to-date Faultline, or ask for it to be exported again by the version you have.'));
  }
  const parsed = sessionSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : '';
    return failed(sessionError('invalid', `The session is not valid: ${issue.message}${more}`, jsonPath(issue.path), 'Fix that field, or export the session again from Faultline.'));
  }
  const session = parsed.data as unknown as Session;
  const domain = domainProblems(session);
  if (domain) return failed(sessionError('invalid', `The session is not valid: ${domain.problem}`, domain.where, 'Fix that field, or export the session again from Faultline.'));
  if (!session.dataset.embedded) return { ok: true, value: { session } };
  const data = unembedData(session.dataset.embedded);
  if ('problem' in data) return failed(sessionError('invalid', `The embedded data is not valid: ${data.problem}`, data.where, 'Export the session again from Faultline.'));
  const actual = await datasetFingerprint(data.series, data.traces);
  if (actual !== session.dataset.fingerprint) {
    return failed(sessionError('fingerprint', `The embedded data does not match its fingerprint: it hashes to SHA-256 ${actual.slice(0, 12)}…, the session states ${session.dataset.fingerprint.slice(0, 12)}…`, 'dataset.fingerprint', 'The file was changed after export; ask for a fresh export.'));
  }
  return { ok: true, value: { session, embedded: data } };
}

/** Rules zod does not state: the detection configuration and each SLO, checked by their own modules. */
function domainProblems(s: Session): { problem: string; where: string } | undefined {
  const detection = validateDetection(s.scenario.detection);
  if (detection.length) return { problem: detection[0], where: 'scenario.detection' };
  for (let i = 0; i < s.scenario.slos.length; i++) {
    const slo = validateSlo(s.scenario.slos[i] as SloDefinition);
    if (slo.length) return { problem: slo[0], where: `scenario.slos[${i}]` };
  }
  for (let i = 0; i < s.scenario.faults.length; i++) {
    const f = s.scenario.faults[i];
    if (f.kind === 'network-partition' && f.healAtMs !== undefined && f.healAtMs < f.startMs) {
      return { problem: `the partition heals (healAtMs ${f.healAtMs}) before it starts (startMs ${f.startMs})`, where: `scenario.faults[${i}].healAtMs` };
    }
  }
  return undefined;
}
