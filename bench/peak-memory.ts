/**
 * Peak resident memory of one `aelab` command and every process it starts (a sweep's trials run
 * in processes of their own), sampled from /proc every 100 ms, with the largest single process.
 *
 *   node dist/bench/peak-memory.js run experiments/sweep-latent.yaml --parallel 2 --no-cache ...
 *
 * Whatever follows is passed to the aelab CLI; its output goes through. GNU time (`/usr/bin/time
 * -v`) reports only the largest single process, which for a sweep is one trial.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { treeRss } from './process-memory.js';

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

const started = Date.now();
const child = spawn(process.execPath, [CLI, ...process.argv.slice(2)], { stdio: 'inherit' });
let peakAll = 0;
let peakTrials = 0;
let peakProcess = 0;
let mostProcesses = 0;
const timer = setInterval(() => {
  const all = treeRss(child.pid!);
  const trials = treeRss(child.pid!, false);
  peakAll = Math.max(peakAll, all.total);
  peakTrials = Math.max(peakTrials, trials.total);
  peakProcess = Math.max(peakProcess, ...all.perPid.values());
  mostProcesses = Math.max(mostProcesses, trials.perPid.size);
}, 100);
const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
clearInterval(timer);
const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;
console.log(
  `\npeak-memory: exit ${code}, ${((Date.now() - started) / 1000).toFixed(0)} s; peak of all processes together ${mib(peakAll)}, ` +
    `of the processes it started ${mib(peakTrials)} (at most ${mostProcesses} at once), largest single process ${mib(peakProcess)}`,
);
process.exit(code ?? 1);
