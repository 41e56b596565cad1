#!/usr/bin/env node
// The `faultline` command: runs the CLI bundle built by `npm run build:cli` (dist-cli/faultline.js).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist-cli/faultline.js', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write(
    'faultline: the CLI is not built (dist-cli/faultline.js is missing).\n' +
      'Run `npm run build:cli` (or `npm ci`, whose prepare step builds it) in the Faultline checkout.\n',
  );
  process.exit(2);
}
const { runCli } = await import(bundle.href);
process.exitCode = await runCli(process.argv.slice(2));
