// `faultline replay SESSION.faultline [--data FILE...] [--json]`: runs a session headless (runScenario, the
// same code as the chaos lab) and prints the scorecard and the SHA-256 the browser shows for that session.

import { readFile } from 'node:fs/promises';
import { runScenario, type ScenarioRun } from '../chaos/scenario-run';
import { loadKernelsNode } from '../kernels/node';
import { decodeSession } from '../session/codec';
import { datasetFingerprint } from '../session/fingerprint';
import { parseArgs, UsageError } from './args';
import { isoTime, type CliIO } from './io';
import { readDataFiles, takeListFlags } from './session-data';
import { table } from './traces';

export const REPLAY_HELP = `Usage: faultline replay SESSION.faultline [--data FILE...] [--json]

Runs a replay session headless: the scenario's faults and policies over the session's dataset (embedded in
the file, or the files given with --data, which must hash to the session's fingerprint), with and without
the policies, then the detectors and SLOs over the replay. Prints per fault whether it was detected, by
which detectors and how fast; false alarms; SLO error budget burned; errors per policy edge with and
without the policies; and the SHA-256 of the replayed results (the same as the chaos lab shows).

Options:
  --data FILE...  the dataset's telemetry files (needed when the session does not embed its data)
  --json          print {"sha256","faults":[{"kind","target","start","end","detected","timeToDetectMs",
                  "detectedBy":[...]}],"falseAlarms","sloBudgetBurned":{SLO: percent},
                  "policies":{"caller>callee":{"withoutPct","withPct","text"}},"dataset","seed","scenario"}
  --help          show this help

Exit code: 0 when replayed, 1 when the session or data cannot be read, the data is missing or does not
match the fingerprint, or the replay fails; 2 on a usage error.`;

export function replayJson(run: ScenarioRun, session: { dataset: { name: string; fingerprint: string }; scenario: { name: string; seed: number } }) {
  const s = run.scorecard;
  return {
    sha256: run.sha256,
    faults: s.faults.map((f) => ({ kind: f.kind, target: f.targets.join(','), start: isoTime(f.start), end: isoTime(f.end), detected: f.detected, timeToDetectMs: f.timeToDetectMs, detectedBy: f.detectedBy })),
    falseAlarms: s.falseAlarms,
    sloBudgetBurned: Object.fromEntries((s.slo ?? []).map((x) => [x.slo, x.budgetBurnedPct])),
    policies: Object.fromEntries(s.policies.map((p) => [p.edge, { withoutPct: p.withoutPct, withPct: p.withPct, text: p.text }])),
    dataset: session.dataset,
    seed: session.scenario.seed,
    scenario: session.scenario.name,
  };
}

function replayTable(j: ReturnType<typeof replayJson>): string {
  const faults = table(['fault', 'target', 'start', 'end', 'detected', 'ttd s', 'by'], j.faults.map((f) => [
    f.kind, f.target, f.start ?? '-', f.end ?? '-', f.detected ? 'yes' : 'no', f.timeToDetectMs === null ? '-' : (f.timeToDetectMs / 1000).toFixed(0), f.detectedBy.join(' ') || '-',
  ]), 4);
  const lines = [`scenario ${j.scenario} (seed ${j.seed}) over ${j.dataset.name}`, '', faults, '', `false alarms: ${j.falseAlarms}`];
  for (const [slo, pct] of Object.entries(j.sloBudgetBurned)) lines.push(`SLO ${slo}: ${pct.toFixed(1)} % of the error budget burned`);
  for (const p of Object.values(j.policies)) lines.push(`edge ${p.text} (without → with policies)`);
  lines.push('', `SHA-256 ${j.sha256}`);
  return lines.join('\n');
}

export async function runReplayCommand(argv: string[], io: CliIO): Promise<number> {
  const { rest, lists } = takeListFlags(argv, ['data']);
  const args = parseArgs(rest, { values: [], switches: ['json', 'help'] });
  if (args.switches.has('help')) {
    io.out(REPLAY_HELP);
    return 0;
  }
  if (args.positional.length !== 1) throw new UsageError(args.positional.length ? `one session file, not ${args.positional.length}` : 'a SESSION.faultline file is required');
  const path = args.positional[0];
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    io.err(`faultline replay: ${path}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  const decoded = await decodeSession(bytes);
  if (!decoded.ok) {
    io.err(`faultline replay: ${path}: ${decoded.error.message}`);
    return 1;
  }
  const { session, embedded } = decoded.value;
  const want = session.dataset;
  const files = lists.get('data') ?? [];
  let data;
  if (files.length) {
    const read = await readDataFiles(files);
    if (typeof read === 'string') {
      io.err(`faultline replay: ${read}`);
      return 1;
    }
    const fp = await datasetFingerprint(read.series, read.traces);
    if (fp !== want.fingerprint) {
      io.err(`faultline replay: ${files.join(' + ')} hash to SHA-256 ${fp.slice(0, 12)}…, but the session needs the dataset ${want.name} (SHA-256 ${want.fingerprint.slice(0, 12)}…); pass the files it was made from.`);
      return 1;
    }
    data = { ...read, datasetName: want.name };
  } else if (embedded) {
    data = { ...embedded, datasetName: want.name };
  } else {
    io.err(`faultline replay: this session needs the dataset ${want.name} (SHA-256 ${want.fingerprint.slice(0, 12)}…); pass its files with --data FILE...`);
    return 1;
  }
  const run = await runScenario(data, session.scenario, await loadKernelsNode());
  if (typeof run === 'string') {
    io.err(`faultline replay: ${run}`);
    return 1;
  }
  const j = replayJson(run, session);
  io.out(args.switches.has('json') ? JSON.stringify(j) : replayTable(j));
  return 0;
}
