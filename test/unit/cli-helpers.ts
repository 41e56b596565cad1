// Runs the faultline CLI in-process and captures what it prints (for CLI tests).

import { runCli } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';

export async function runCliCaptured(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') };
  const code = await runCli(argv, io);
  return { code, out, err };
}
