#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { parseOverride, type Override } from '../config/load.js';
import { packageVersion } from '../util/package-root.js';
import { printDiagnostics } from './diagnostics-output.js';

const HELP = `aelab: autoencoder and CNN experiments on MNIST-style images, declared in YAML

Usage:
  aelab run FILE [--set path=value]... [--backend auto|tensorflow|wasm|cpu] [--runs DIR]
      Validate FILE, train its stages in DAG order, and write a run folder under runs/.
  aelab validate FILE... [--json]
      Report every error in each file (file:line:col), without training. Exit 1 if any is invalid.
  aelab plan FILE [--set path=value]... [--json]
      Print the stages in run order, what each reads and writes, and the trials of a sweep.

Options:
  --set path=value   Override a setting, e.g. --set stages.ae.train.epochs=5 (repeatable)
  --backend NAME     Compute backend (default auto: tensorflow if installed, else wasm, else cpu)
  --runs DIR         Where run folders go (default ./runs)
  --json             Machine-readable output (validate, plan)
  -h, --help         This help
  -v, --version      aelab's version
`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      set: { type: 'string', multiple: true, default: [] },
      backend: { type: 'string', default: 'auto' },
      runs: { type: 'string', default: 'runs' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  });
  if (values.version) {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const [command, ...args] = positionals;
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(HELP);
    return values.help || command === 'help' ? 0 : 2;
  }

  const overrides: Override[] = [];
  for (const [i, text] of values.set.entries()) {
    const parsed = parseOverride(text, `--set #${i + 1}`);
    if (!parsed.ok) {
      printDiagnostics([parsed.error], new Map());
      return 2;
    }
    overrides.push(parsed.value);
  }
  const backend = values.backend;
  if (!['auto', 'tensorflow', 'wasm', 'cpu'].includes(backend)) {
    process.stderr.write(`error: --backend must be auto, tensorflow, wasm or cpu, not ${backend}\n`);
    return 2;
  }

  switch (command) {
    case 'validate': {
      if (args.length === 0) return usage('validate needs at least one file');
      const { validateCommand } = await import('./commands/validate.js');
      return validateCommand(args, { json: values.json });
    }
    case 'plan': {
      if (args.length !== 1) return usage('plan needs exactly one file');
      const { planCommand } = await import('./commands/plan.js');
      return planCommand(args[0]!, { overrides, json: values.json, backend });
    }
    case 'run': {
      if (args.length !== 1) return usage('run needs exactly one file');
      const { runCommand } = await import('./commands/run.js');
      return runCommand(args[0]!, { overrides, backend: backend as 'auto', runsDir: values.runs });
    }
    default:
      return usage(`unknown command \`${command}\``);
  }
}

function usage(message: string): number {
  process.stderr.write(`error: ${message}\n\n${HELP}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // Only bugs get here: expected failures are reported as diagnostics and exit codes.
    const message = e instanceof Error && 'code' in e && String((e as { code: unknown }).code).startsWith('ERR_PARSE_ARGS') ? e.message : (e instanceof Error ? e.stack : String(e));
    process.stderr.write(`aelab: ${message}\n`);
    process.exitCode = 2;
  },
);
