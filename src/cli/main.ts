// The faultline CLI entry: dispatches `inspect` and `detect` over the same modules the app uses;
// usage errors exit 2 with a clear message. bin/faultline.mjs runs runCli on the built bundle.

import { UsageError } from './args';
import { runDetect, DETECT_HELP } from './detect';
import { runInspect, INSPECT_HELP } from './inspect';
import { runNab, NAB_HELP } from './nab';
import { runPercentiles, PERCENTILES_HELP } from './percentiles';
import { runReplayCommand, REPLAY_HELP } from './replay';
import { runScenarioCommand, SCENARIO_HELP } from './scenario';
import { runSample, SAMPLE_HELP } from './sample';
import { runSlo, SLO_HELP } from './slo';
import { runTraces, TRACES_HELP } from './traces';
import { processIO, type CliIO } from './io';
import { serveDetectorThread } from './detector-threads';

// Started as one of detect's detector threads (detector-threads.ts), the bundle serves steps instead.
serveDetectorThread();

export const MAIN_HELP = `Usage: faultline <command> [options]

Commands:
  inspect FILE... [--json]                     what each telemetry file holds
  detect FILE --detector NAME|ensemble [opts]  anomalies and incidents per series
  nab --data DIR [--detector NAME|all]         score detectors on the Numenta Anomaly Benchmark
  percentiles FILE [--series SEL] [--json]     exact and sketch p50/p90/p99/p99.9 per series or span operation
  slo FILE... --slo SLO.yaml [--json]          SLI, compliance, error budget, burn-rate alerts, forecast per OpenSLO SLO
  traces FILE... [--json]                      per service/operation latency, service graph, root causes, critical path
  sample FILE... --policy P|--advise [--json]  what a sampling strategy keeps and loses; the cheapest meeting goals
  scenario new --dataset FILE... --fault SPEC  write a replay session (.faultline) from the command line
  replay SESSION.faultline [--data FILE...]    run a replay session headless: scorecard and SHA-256

Run faultline <command> --help for a command's options.`;

const commands: Record<string, { run: (argv: string[], io: CliIO) => Promise<number>; help: string }> = {
  inspect: { run: runInspect, help: INSPECT_HELP },
  detect: { run: runDetect, help: DETECT_HELP },
  nab: { run: runNab, help: NAB_HELP },
  percentiles: { run: runPercentiles, help: PERCENTILES_HELP },
  slo: { run: runSlo, help: SLO_HELP },
  traces: { run: runTraces, help: TRACES_HELP },
  sample: { run: runSample, help: SAMPLE_HELP },
  scenario: { run: runScenarioCommand, help: SCENARIO_HELP },
  replay: { run: runReplayCommand, help: REPLAY_HELP },
};

/** Runs one command line (without `node` and the script); resolves to the exit code. */
export async function runCli(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(MAIN_HELP);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    io.err(`faultline: unknown command ${JSON.stringify(name)} (commands: ${Object.keys(commands).join(', ')}; see faultline --help)`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`faultline ${name}: ${e.message} (see faultline ${name} --help)`);
      return 2;
    }
    io.err(`faultline ${name}: internal error: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
