// OpenSLO v1 YAML import and export (the `yaml` package): kind SLO (indicator inline or indicatorRef), SLI,
// AlertPolicy / AlertCondition (burnrate); each objective becomes one Faultline SLO, as Sloth's loader does.

import { parseAllDocuments, stringify } from 'yaml';
import { validateSlo, type BudgetingMethod, type BurnRateCondition, type Comparison, type SliDefinition, type SloDefinition, type SloWindow } from './definition';
import { formatDuration, parseDuration, parseFixedDuration } from './duration';
import { isRecord, metricSpec, querySelector, ratioSource, ratioYaml, type Yaml } from './openslo-source';
import { formatSelector } from './selector';

export type OpenSloResult = { ok: true; slos: SloDefinition[] } | { ok: false; errors: string[] };

const OPS: Record<string, Comparison> = { lte: '<=', gte: '>=', lt: '<', gt: '>', eq: '==' };
const OP_NAMES: Record<Comparison, string> = { '<=': 'lte', '>=': 'gte', '<': 'lt', '>': 'gt', '==': 'eq' };

function nameOf(doc: Yaml): string {
  return isRecord(doc.metadata) && typeof doc.metadata.name === 'string' ? doc.metadata.name : '';
}

function windowOf(spec: Yaml, at: string): SloWindow | string {
  const list = spec.timeWindow;
  if (!Array.isArray(list) || list.length !== 1 || !isRecord(list[0])) return `${at}.timeWindow: expected exactly one item, e.g. [{duration: 28d, isRolling: true}]`;
  const w = list[0];
  const cal = w.calendar;
  const rolling = w.isRolling === true || (w.isRolling === undefined && cal === undefined);
  const d = parseDuration(String(w.duration ?? ''), `${at}.timeWindow[0].duration`);
  if (typeof d === 'string') return d;
  if (rolling) return d.kind === 'fixed' ? { kind: 'rolling', ms: d.ms } : `${at}.timeWindow[0].duration: a rolling window needs a fixed length (e.g. 30d rather than ${d.text})`;
  const unit = d.text === '1w' || d.text === '7d' ? 'week' : d.text === '1M' ? 'month' : undefined;
  if (!unit) return `${at}.timeWindow[0].duration: calendar windows can be 1w or 1M here, got ${d.text}${d.text === '1m' ? ' (1m is one minute; a month is 1M)' : ''}`;
  const extra = isRecord(cal) ? { ...(cal.startTime !== undefined ? { startTime: String(cal.startTime) } : {}), ...(typeof cal.timeZone === 'string' ? { timeZone: cal.timeZone } : {}) } : {};
  return { kind: 'calendar', unit, ...extra };
}

function conditionsOf(policies: unknown, at: string, errors: string[]): BurnRateCondition[] {
  if (!Array.isArray(policies)) return [];
  const out: BurnRateCondition[] = [];
  policies.forEach((p, i) => {
    const spec = isRecord(p) && isRecord(p.spec) ? p.spec : undefined;
    if (!spec) return; // alertPolicyRef: nothing to evaluate here
    (Array.isArray(spec.conditions) ? spec.conditions : []).forEach((c: unknown, j: number) => {
      const path = `${at}.alertPolicies[${i}].spec.conditions[${j}]`;
      const cs = isRecord(c) && isRecord(c.spec) ? c.spec : undefined;
      const cond = cs && isRecord(cs.condition) ? cs.condition : undefined;
      if (!cs || !cond) return; // conditionRef
      const lookback = parseFixedDuration(String(cond.lookbackWindow ?? ''), `${path}.spec.condition.lookbackWindow`);
      const after = parseFixedDuration(String(cond.alertAfter ?? '0m').replace(/^0([a-zA-Z])$/, '0'), `${path}.spec.condition.alertAfter`);
      if (typeof lookback === 'string') return void errors.push(lookback);
      if (typeof cond.threshold !== 'number') return void errors.push(`${path}.spec.condition.threshold: expected a number (burn rate)`);
      out.push({ name: nameOf(c as Yaml) || `condition-${out.length + 1}`, severity: String(cs.severity ?? 'page'), threshold: cond.threshold, lookbackMs: lookback, alertAfterMs: typeof after === 'number' ? after : 0 });
    });
  });
  return out;
}

function sloFromDoc(doc: Yaml, slis: Map<string, Yaml>, errors: string[]): SloDefinition[] {
  const name = nameOf(doc);
  const at = `SLO ${JSON.stringify(name)}`;
  const spec = isRecord(doc.spec) ? doc.spec : undefined;
  if (!spec) return void errors.push(`${at}: spec is missing`), [];
  const sliDoc = isRecord(spec.indicator) ? spec.indicator : typeof spec.indicatorRef === 'string' ? slis.get(spec.indicatorRef) : undefined;
  if (!sliDoc || !isRecord(sliDoc.spec)) return void errors.push(`${at}: needs indicator or an indicatorRef naming an SLI in the same file`), [];
  const window = windowOf(spec, `${at}.spec`);
  if (typeof window === 'string') return void errors.push(window), [];
  const method = spec.budgetingMethod as BudgetingMethod;
  const objectives = Array.isArray(spec.objectives) ? spec.objectives.filter(isRecord) : [];
  if (!objectives.length) return void errors.push(`${at}.spec.objectives: at least one objective is required`), [];
  const sliSpec = sliDoc.spec;
  const alertConditions = conditionsOf(spec.alertPolicies, `${at}.spec`, errors);
  return objectives.flatMap((o, i) => {
    const path = `${at}.spec.objectives[${i}]`;
    const objective = typeof o.target === 'number' ? o.target : typeof o.targetPercent === 'number' ? Number((o.targetPercent / 100).toPrecision(12)) : NaN;
    let sli: SliDefinition;
    if (isRecord(sliSpec.ratioMetric)) {
      const events = ratioSource(sliSpec.ratioMetric, `${at}.indicator.spec.ratioMetric`);
      if (typeof events === 'string') return void errors.push(events), [];
      sli = { kind: 'ratio', events };
    } else if (isRecord(sliSpec.thresholdMetric)) {
      const spec0 = metricSpec(sliSpec.thresholdMetric, `${at}.indicator.spec.thresholdMetric`);
      const series = typeof spec0 === 'string' ? spec0 : querySelector(spec0, `${at}.indicator.spec.thresholdMetric`);
      const op = OPS[String(o.op)];
      if (typeof series === 'string') return void errors.push(series), [];
      if (!op || typeof o.value !== 'number') return void errors.push(`${path}: a thresholdMetric objective needs op (lte, gte, lt, gt) and a numeric value`), [];
      sli = { kind: 'threshold', series, op, threshold: o.value };
    } else return void errors.push(`${at}.indicator.spec: needs ratioMetric or thresholdMetric`), [];
    const slice = o.timeSliceWindow === undefined ? undefined : parseFixedDuration(o.timeSliceWindow as string | number, `${path}.timeSliceWindow`);
    if (typeof slice === 'string') return void errors.push(slice), [];
    const label = typeof o.displayName === 'string' ? o.displayName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') : String(i + 1);
    const def: SloDefinition = {
      name: objectives.length > 1 ? `${name}-${label}`.slice(0, 63).replace(/-$/, '') : name,
      ...(typeof (doc.metadata as Yaml).displayName === 'string' ? { displayName: (doc.metadata as Yaml).displayName as string } : {}),
      ...(typeof spec.description === 'string' ? { description: spec.description } : {}),
      ...(typeof spec.service === 'string' ? { service: spec.service } : {}),
      sli,
      objective,
      timeWindow: window,
      budgetingMethod: method,
      ...(typeof o.timeSliceTarget === 'number' ? { timeSliceTarget: o.timeSliceTarget } : {}),
      ...(slice !== undefined ? { timeSliceWindowMs: slice } : {}),
      ...(alertConditions.length ? { alertConditions } : {}),
    };
    const problems = validateSlo(def);
    errors.push(...problems.map((p) => p.replace(/^slo "[^"]*"/, path)));
    return problems.length ? [] : [def];
  });
}

/** Reads every SLO of an OpenSLO v1 YAML text (several documents allowed); all problems, readable, on failure. */
export function importOpenSlo(text: string, file = 'OpenSLO YAML'): OpenSloResult {
  const docs = parseAllDocuments(text);
  const errors: string[] = [];
  const values: Yaml[] = [];
  for (const d of Array.isArray(docs) ? docs : [docs]) {
    for (const e of d.errors) errors.push(`${file}: line ${e.linePos?.[0].line ?? '?'}: ${e.message.split('\n')[0]}`);
    const v: unknown = d.toJS();
    if (v === null || v === undefined) continue;
    if (!isRecord(v)) errors.push(`${file}: expected a mapping with apiVersion and kind, got ${Array.isArray(v) ? 'a list' : JSON.stringify(v)}`);
    else values.push(v);
  }
  if (errors.length) return { ok: false, errors };
  for (const v of values) if (v.apiVersion !== 'openslo/v1') errors.push(`${file}: ${String(v.kind ?? 'document')} ${JSON.stringify(nameOf(v))}: apiVersion must be openslo/v1, got ${JSON.stringify(v.apiVersion)}`);
  const slis = new Map(values.filter((v) => v.kind === 'SLI').map((v) => [nameOf(v), v]));
  const slos = values.filter((v) => v.kind === 'SLO').flatMap((v) => sloFromDoc(v, slis, errors));
  if (!errors.length && !slos.length) errors.push(`${file}: no kind: SLO document found`);
  return errors.length ? { ok: false, errors } : { ok: true, slos };
}

/** A dataset's SLO file: empty text holds no SLO; names must be unique (they key the SLOs in the app). */
export function importDatasetSlos(text: string): OpenSloResult {
  if (!text.trim()) return { ok: true, slos: [] };
  const parsed = importOpenSlo(text, 'OpenSLO YAML');
  if (!parsed.ok) return parsed;
  const seen = new Set<string>();
  const twice = parsed.slos.filter((s) => (seen.has(s.name) ? true : (seen.add(s.name), false)));
  return twice.length ? { ok: false, errors: twice.map((s) => `SLO ${JSON.stringify(s.name)} is defined twice; names must be unique`) } : parsed;
}

function exportOne(d: SloDefinition): Yaml {
  const sli = d.sli;
  const indicatorSpec = sli.kind === 'ratio' ? { ratioMetric: ratioYaml(sli.events) } : { thresholdMetric: { metricSource: { type: 'Faultline', spec: { query: formatSelector(sli.series) } } } };
  const w = d.timeWindow;
  const timeWindow = w.kind === 'rolling'
    ? [{ duration: formatDuration(w.ms), isRolling: true }]
    : [{ duration: w.unit === 'week' ? '1w' : '1M', calendar: { startTime: w.startTime ?? '2020-01-06 00:00:00', timeZone: w.timeZone ?? 'UTC' }, isRolling: false }];
  const objective: Yaml = {
    ...(sli.kind === 'threshold' ? { op: OP_NAMES[sli.op], value: sli.threshold } : {}),
    target: d.objective,
    ...(d.timeSliceTarget !== undefined ? { timeSliceTarget: d.timeSliceTarget } : {}),
    ...(d.timeSliceWindowMs !== undefined ? { timeSliceWindow: formatDuration(d.timeSliceWindowMs) } : {}),
  };
  const alertPolicies = (d.alertConditions ?? []).map((c) => ({
    kind: 'AlertPolicy',
    metadata: { name: `${d.name}-${c.name}`.slice(0, 63) },
    spec: { alertWhenBreaching: true, alertWhenResolved: false, alertWhenNoData: false, conditions: [{ kind: 'AlertCondition', metadata: { name: c.name }, spec: { severity: c.severity, condition: { kind: 'burnrate', threshold: c.threshold, lookbackWindow: formatDuration(c.lookbackMs), alertAfter: c.alertAfterMs ? formatDuration(c.alertAfterMs) : '0m' } } }], notificationTargets: [] },
  }));
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name: d.name, ...(d.displayName ? { displayName: d.displayName } : {}) },
    spec: {
      ...(d.description ? { description: d.description } : {}),
      ...(d.service ? { service: d.service } : {}),
      indicator: { metadata: { name: `${d.name}-sli`.slice(0, 63) }, spec: indicatorSpec },
      timeWindow,
      budgetingMethod: d.budgetingMethod,
      objectives: [objective],
      ...(alertPolicies.length ? { alertPolicies } : {}),
    },
  };
}

/** OpenSLO v1 YAML of the SLOs, one document each; `==` thresholds are written as op: eq (a Faultline extension). */
export function exportOpenSlo(slos: readonly SloDefinition[]): string {
  return slos.map((d) => stringify(exportOne(d), { lineWidth: 0 })).join('---\n');
}
