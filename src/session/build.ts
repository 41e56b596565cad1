// Building a session from a dataset's content and a scenario: fingerprint, optional redaction (the
// fingerprint is then of the redacted data, and the data is embedded: nobody else holds it) and embedding.

import type { Scenario } from '../chaos/scenario';
import type { Series } from '../model/series';
import type { TraceSet } from '../model/traces';
import { embedData } from './embed';
import { datasetFingerprint } from './fingerprint';
import { SESSION_FORMAT, SESSION_VERSION, type Session, type SessionView } from './format';
import { redact } from './redact';

export interface ExportOptions {
  /** Put the dataset's content in the file (else it is referenced by name and fingerprint). */
  embed: boolean;
  /** Replace label and attribute values by pseudonyms; implies embed. */
  redact: boolean;
}

export async function buildSession(
  data: { series: readonly Series[]; traces?: TraceSet; name: string },
  scenario: Scenario,
  view: SessionView,
  opts: ExportOptions,
  now: Date = new Date(),
): Promise<Session> {
  let series = data.series;
  let traces = data.traces;
  let sc = scenario;
  let name = data.name;
  if (opts.redact) {
    const r = redact(series, traces, scenario, data.name);
    series = r.series;
    traces = r.traces;
    sc = r.scenario;
    name = r.datasetName;
  }
  const fingerprint = await datasetFingerprint(series, traces);
  const embed = opts.embed || opts.redact;
  return {
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    created: now.toISOString(),
    scenario: sc,
    view: { params: { ...view.params } },
    dataset: {
      name,
      fingerprint,
      ...(embed ? { embedded: embedData(series, traces) } : {}),
    },
    redacted: opts.redact,
  };
}
