import { parseArgs } from 'node:util';
import { MAX_WASM_THREADS, THREADS_ENV } from '../backend/threads.js';
import { parseOverride, type Override } from '../config/load.js';
import { SourceText } from '../diagnostics/format.js';
import { packageVersion } from '../util/package-root.js';
import { hasCredentials } from '../util/url-credentials.js';
import { PASSWORD_ENV } from '../run/queue/redis-url.js';
import { printDiagnostics } from './diagnostics-output.js';

const HELP = `aelab: autoencoder and CNN experiments on MNIST-style images, declared in YAML

Usage:
  aelab run FILE [--set path=value]... [--sweep path=a,b,c]... [--parallel N] [--fail-fast]
                 [--no-cache] [--backend auto|tensorflow|wasm|cpu] [--wasm-threads N] [--runs DIR]
      Validate FILE, train its stages in DAG order, and write a run folder under runs/.
      A sweep runs its trials in parallel processes; stages already computed are reused.
  aelab runs ls [--json] | runs show RUN [--json] | runs compare RUN RUN... [--json]
      Recent runs; one run in full; runs side by side (settings that differ, then metrics).
      RUN is a run folder name, a unique part of it, or SWEEP/tNNN for a sweep's trial.
  aelab sync [RUN...] [--mlflow URI]
      Upload to MLflow what is missing of local runs (all runs when none is named).
  aelab ui [--port P] [--runs DIR]
      Start MLflow's UI on 127.0.0.1 (port 5000 by default) with every local run uploaded; print
      where the runs are; Ctrl-C stops it. MLflow is installed into ./.venv on first use; its
      data stays in <runs>/.mlflow/.
  aelab resume RUN
  aelab run FILE --queue redis://HOST:PORT [--attempts N] ...
      Put a sweep's trials on a Redis queue for \`aelab worker\` processes on any machine, and
      follow them; Ctrl-C leaves them to the workers, and \`aelab resume RUN\` follows them again.
  aelab resume RUN [--queue URL]
      Run the trials of a sweep that did not finish (killed, failed or never started).
  aelab worker --queue redis://HOST:PORT [--concurrency N] [--runs DIR] [--wasm-threads N]
      Take a sweep's trials from a Redis queue and run them (see docs/cluster.md); SIGTERM
      stops taking trials and lets the running ones finish (or hands them back after --grace).
  aelab validate FILE... [--json]
      Report every error in each file (file:line:col), without training. Exit 1 if any is invalid.
  aelab plan FILE [the flags of run]... [--json]
      Print the stages in run order, what each reads and writes, and the trials of a sweep,
      for the same flags as \`run\` (--set, --sweep, --parallel, --backend, ...).

Options:
  --set path=value   Override a setting, e.g. --set stages.ae.train.epochs=5 (repeatable)
  --sweep path=a,b   Sweep a setting over values, e.g. --sweep stages.ae.latent=8,16,32
  --parallel N       Trials at once (default: the sweep's \`parallel\`, else the number of cores)
  --fail-fast        Stop a sweep at its first failed trial
  --no-cache         Compute every stage even if its output is cached
  --backend NAME     Compute backend (default auto: tensorflow if installed, else wasm, else cpu)
  --wasm-threads N   Threads of the wasm backend, 1-8, for each training process (default: the
                     cores, shared among a sweep's parallel trials; also AELAB_WASM_THREADS)
  --runs DIR         Where run folders go (default ./runs)
  --mlflow URI       Track runs on this MLflow server (else tracking.mlflow.uri, MLFLOW_TRACKING_URI)
  --port P           Port of \`aelab ui\` (default 5000)
  --queue URL        redis://[:PASSWORD@]HOST:PORT (rediss:// for TLS) of the trial queue
                     (also AELAB_QUEUE; the password may come from AELAB_REDIS_PASSWORD)
  --attempts N       run --queue: starts a trial may have in all (lost workers; default 3)
  --concurrency N    worker: trials at once (default: the number of cores, one thread each)
  --stall-timeout S  worker: seconds before a lost worker's trial goes to another (default 30)
  --verdict-timeout S  worker: seconds an ASHA trial waits for the scheduler's verdict before it
                     trains on unscheduled (default 300)
  --grace S          worker: seconds a running trial gets to finish after SIGTERM (default 60)
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
      sweep: { type: 'string', multiple: true, default: [] },
      parallel: { type: 'string' },
      'fail-fast': { type: 'boolean', default: false },
      'no-cache': { type: 'boolean', default: false },
      backend: { type: 'string', default: 'auto' },
      'wasm-threads': { type: 'string' },
      runs: { type: 'string', default: 'runs' },
      mlflow: { type: 'string' },
      port: { type: 'string' },
      queue: { type: 'string' },
      concurrency: { type: 'string' },
      'stall-timeout': { type: 'string' },
      'verdict-timeout': { type: 'string' },
      attempts: { type: 'string' },
      grace: { type: 'string' },
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
  const sweeps: { key: string; values: unknown[]; checks: Override[] }[] = [];
  for (const [i, text] of values.sweep.entries()) {
    const origin = `--sweep #${i + 1}`;
    const eq = text.indexOf('=');
    const parsedValues =
      eq > 0
        ? text
            .slice(eq + 1)
            .split(',')
            .map((v) => parseOverride(`${text.slice(0, eq)}=${v}`, origin))
        : [parseOverride(text, origin)];
    const checks: Override[] = [];
    for (const p of parsedValues) {
      if (!p.ok) {
        printDiagnostics([p.error], new Map());
        return 2;
      }
      // Each check points at the whole --sweep text, so an error names the argument as typed.
      checks.push({ ...p.value, source: new SourceText(origin, text) });
    }
    sweeps.push({ key: checks[0]!.path, values: checks.map((c) => c.value), checks });
  }
  const parallel = wholeNumber('parallel', values.parallel, 1);
  const attempts = wholeNumber('attempts', values.attempts, 1);
  if (parallel === null || attempts === null) return 2;
  const threads = values['wasm-threads'];
  if (threads !== undefined) {
    const n = Number(threads);
    if (!Number.isInteger(n) || n < 1 || n > MAX_WASM_THREADS) {
      process.stderr.write(
        `error: --wasm-threads must be a whole number from 1 to ${MAX_WASM_THREADS}, not ${threads}\n`,
      );
      return 2;
    }
    // The environment variable is how the setting reaches the backend and every trial process.
    process.env[THREADS_ENV] = String(n);
  }
  const backend = values.backend;
  if (!['auto', 'tensorflow', 'wasm', 'cpu'].includes(backend)) {
    process.stderr.write(`error: --backend must be auto, tensorflow, wasm or cpu, not ${backend}\n`);
    return 2;
  }

  // Anyone on the machine sees a process's command line (`ps`): a password there is not private.
  if (values.queue && hasCredentials(values.queue))
    process.stderr.write(
      `warning: the password in --queue is visible to every user of this machine (\`ps\` shows command lines); give it in ${PASSWORD_ENV} instead\n`,
    );

  switch (command) {
    case 'validate': {
      if (args.length === 0) return usage('validate needs at least one file');
      const { validateCommand } = await import('./commands/validate.js');
      return validateCommand(args, { json: values.json, overrides });
    }
    case 'plan': {
      if (args.length !== 1) return usage('plan needs exactly one file');
      const { planCommand } = await import('./commands/plan.js');
      return planCommand(args[0]!, {
        overrides,
        sweeps,
        json: values.json,
        backend: backend as 'auto',
        runsDir: values.runs,
        ...(parallel !== undefined ? { parallel } : {}),
      });
    }
    case 'run': {
      if (args.length !== 1) return usage('run needs exactly one file');
      const { runCommand } = await import('./commands/run.js');
      return runCommand(args[0]!, {
        overrides,
        sweeps,
        backend: backend as 'auto',
        runsDir: values.runs,
        ...(parallel !== undefined ? { parallel } : {}),
        failFast: values['fail-fast'],
        cache: !values['no-cache'],
        ...(values.mlflow ? { mlflow: values.mlflow } : {}),
        ...(values.queue ? { queue: values.queue } : {}),
        ...(attempts !== undefined ? { attempts } : {}),
      });
    }
    case 'runs': {
      const [sub, ...names] = args;
      const runs = await import('./commands/runs.js');
      if (sub === 'ls' || sub === 'list') return runs.runsList(values.runs, { json: values.json, limit: 30 });
      if (sub === 'show' && names.length === 1) return runs.runsShow(values.runs, names[0]!, { json: values.json });
      if (sub === 'compare' && names.length >= 2) return runs.runsCompare(values.runs, names, { json: values.json });
      return usage('runs takes `ls`, `show RUN` or `compare RUN RUN...`');
    }
    case 'sync': {
      const { syncCommand } = await import('./commands/sync.js');
      return syncCommand(args, { runsDir: values.runs, ...(values.mlflow ? { mlflow: values.mlflow } : {}) });
    }
    case 'ui': {
      if (args.length) return usage('ui takes no arguments (only --port P and --runs DIR)');
      let port: number | undefined;
      if (values.port !== undefined) {
        port = Number(values.port);
        if (!Number.isInteger(port) || port < 1 || port > 65535) {
          process.stderr.write(`error: --port must be a whole number from 1 to 65535, not ${values.port}\n`);
          return 2;
        }
      }
      const { uiCommand } = await import('./commands/ui.js');
      return uiCommand({ runsDir: values.runs, ...(port !== undefined ? { port } : {}) });
    }
    case 'resume': {
      if (args.length !== 1) return usage('resume needs exactly one run (its id or folder)');
      const { resumeCommand } = await import('./commands/resume.js');
      return resumeCommand(args[0]!, { runsDir: values.runs, ...(values.queue ? { queue: values.queue } : {}) });
    }
    case 'worker': {
      if (args.length !== 0) return usage('worker takes no file: it runs what the queue holds');
      const numbers: Record<string, number> = {};
      for (const [flag, min] of [
        ['concurrency', 1],
        ['stall-timeout', 1],
        ['grace', 0],
        ['verdict-timeout', 1],
      ] as const) {
        const n = wholeNumber(flag, values[flag], min);
        if (n === null) return 2;
        if (n !== undefined) numbers[flag] = n;
      }
      const { workerCommand } = await import('./commands/worker.js');
      return workerCommand({
        ...(values.queue ? { queue: values.queue } : {}),
        runsDir: values.runs,
        ...(numbers.concurrency !== undefined ? { concurrency: numbers.concurrency } : {}),
        ...(numbers['stall-timeout'] !== undefined ? { stallTimeoutS: numbers['stall-timeout'] } : {}),
        ...(numbers.grace !== undefined ? { graceS: numbers.grace } : {}),
        ...(numbers['verdict-timeout'] !== undefined ? { verdictTimeoutS: numbers['verdict-timeout'] } : {}),
      });
    }
    default:
      return usage(`unknown command \`${command}\``);
  }
}

/** A whole-number flag's value, undefined when it is absent, or null once it has said why the text is not one. */
function wholeNumber(flag: string, text: string | undefined, min: number): number | undefined | null {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (Number.isInteger(n) && n >= min) return n;
  process.stderr.write(`error: --${flag} must be a whole number of at least ${min}, not ${text}\n`);
  return null;
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
    const message =
      e instanceof Error && 'code' in e && String((e as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')
        ? e.message
        : e instanceof Error
          ? e.stack
          : String(e);
    process.stderr.write(`aelab: ${message}\n`);
    process.exitCode = 2;
  },
);
