// `faultline scenario new`: writes a .faultline session from the command line — dataset files, faults as
// KIND:TARGET@START+DURATION[:PARAM=VALUE,…], seed — checked against the dataset's replay model.

import { writeFile } from 'node:fs/promises';
import { emptyScenario } from '../chaos/scenario';
import { replayModelOf } from '../chaos/scenario-run';
import { FAULT_KINDS } from '../chaos/faults/types';
import { buildSession } from '../session/build';
import { encodeSession } from '../session/codec';
import { numberFlag, parseArgs, UsageError } from './args';
import { FAULT_ALIASES, faultParams, parseFaultSpec } from './fault-spec';
import type { CliIO } from './io';
import { readDataFiles, takeListFlags } from './session-data';

const kinds = FAULT_KINDS.map((k) => {
  const alias = Object.entries(FAULT_ALIASES).find(([, v]) => v === k)?.[0];
  return `  ${(alias ?? k).padEnd(10)} ${k.padEnd(18)} ${faultParams(k).join(', ')}`;
}).join('\n');

export const SCENARIO_HELP = `Usage: faultline scenario new --dataset FILE... --fault SPEC [--fault SPEC ...] [--seed N]
                             [--name NAME] [--embed] [--redact] -o SESSION.faultline

Writes a replay session: the scenario (faults, seed; default detection, no policies) and the dataset,
referenced by its SHA-256 fingerprint (the app and 'faultline replay --data' need the same files) or,
with --embed, inside the file. Several dataset files are one dataset (traces merged).

A fault is KIND:TARGET@START+DURATION[:PARAM=VALUE,...]
  START, DURATION  offsets from the dataset's start: 90s, 5m, 1h, 250ms
  TARGET           a service of the dataset; several as a|b
  e.g.             crash:cart@10m+5m
                   latency:payment@1h+10m:latencyMs=300,jitterMs=50
                   partition:frontend@5m+2m:groupB=cart|payment
Kinds (alias, kind, parameters; *Ms parameters also take 90s / 5m):
${kinds}

Options:
  --dataset FILE...  the telemetry files of the dataset (required)
  --fault SPEC       a fault (repeat for more; at least one)
  --seed N           the replay's seed, an integer 0..4294967295 (default 1)
  --name NAME        the scenario's name (default "scenario")
  --embed            put the dataset in the file (opens anywhere without the dataset files)
  --redact           replace label and attribute values by pseudonyms (implies --embed; the fingerprint
                     is then of the redacted data)
  -o, --out FILE     where to write the session (required)
  --help             show this help

Exit code: 0 when written, 1 when a file cannot be read or the dataset cannot be replayed, 2 on a usage error.`;

export async function runScenarioCommand(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h' || sub === undefined) {
    io.out(SCENARIO_HELP);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'new') throw new UsageError(`unknown subcommand ${JSON.stringify(sub)} (scenario new is the one there is)`);
  const { rest: others, lists } = takeListFlags(rest, ['dataset', 'fault'], { '-o': '--out' });
  const args = parseArgs(others, { values: ['seed', 'name', 'out'], switches: ['embed', 'redact', 'help'] });
  if (args.switches.has('help')) {
    io.out(SCENARIO_HELP);
    return 0;
  }
  if (args.positional.length) throw new UsageError(`unexpected ${JSON.stringify(args.positional[0])}`);
  const files = lists.get('dataset') ?? [];
  const specs = lists.get('fault') ?? [];
  const out = args.values.get('out');
  if (!files.length) throw new UsageError('--dataset FILE... is required');
  if (!specs.length) throw new UsageError('at least one --fault KIND:TARGET@START+DURATION is required');
  if (!out) throw new UsageError('-o SESSION.faultline is required');
  const seed = numberFlag(args, 'seed', 1, 0, true);
  if (seed > 0xffffffff) throw new UsageError(`--seed must be at most 4294967295, got ${seed}`);
  const faults = specs.map(parseFaultSpec);
  const data = await readDataFiles(files);
  if (typeof data === 'string') {
    io.err(`faultline scenario: ${data}`);
    return 1;
  }
  const model = replayModelOf(data);
  if (typeof model === 'string') {
    io.err(`faultline scenario: ${model}`);
    return 1;
  }
  const services = model.summary.services;
  for (const f of faults) {
    const named = f.kind === 'network-partition' ? [...f.targets, ...f.groupB] : f.targets;
    for (const t of named) {
      if (!services.includes(t)) throw new UsageError(`--fault ${f.kind}: service ${JSON.stringify(t)} is not in the dataset (services: ${services.join(', ')})`);
    }
  }
  const scenario = { ...emptyScenario(args.values.get('name') ?? 'scenario', seed), faults };
  const session = await buildSession({ ...data, name: data.datasetName }, scenario, { params: {} }, { embed: args.switches.has('embed'), redact: args.switches.has('redact') });
  await writeFile(out, await encodeSession(session));
  io.out(`wrote ${out}: ${faults.length} fault${faults.length === 1 ? '' : 's'}, seed ${seed}, dataset ${session.dataset.name} (SHA-256 ${session.dataset.fingerprint})${session.dataset.embedded ? ', embedded' : ''}${session.redacted ? ', redacted' : ''}`);
  return 0;
}
