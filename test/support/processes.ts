import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLI } from './cli.js';
import { readJson, runFolders } from './runs.js';

/** A single run slow enough that a signal lands mid-training: a conv classifier over many epochs. */
export function slowRun(epochs: number): string {
  return `name: slow
seed: 7
data:
  digits: { source: mnist, train: 300, test: 100 }
stages:
  ae:
    type: autoencoder
    input: digits
    latent: 8
    train: { epochs: 2, batch_size: 50 }
  clf:
    type: classifier
    input: ae.reconstructions
    filters: [8, 16]
    dense: [32]
    train: { epochs: ${epochs}, batch_size: 50 }
`;
}

export interface Started {
  readonly child: ChildProcess;
  /** When the process has exited and its output is all read (an orphan holding the pipes delays it). */
  readonly exited: Promise<number | null>;
  /** When the process itself has exited. */
  readonly ended: Promise<void>;
  readonly output: () => string;
  /** What Ctrl-C in a terminal does: SIGINT to every process of the command's group. */
  readonly ctrlC: () => void;
}

/**
 * The CLI as a real process in `cwd`, one wasm thread; stdout and stderr kept together. It leads
 * its own process group, as a command in a terminal does: `ctrlC` signals the whole group.
 */
export function startCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Started {
  const child = spawn(process.execPath, [CLI, ...args, '--wasm-threads', '1'], {
    cwd,
    detached: true,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const ended = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { child, exited, ended, output: () => out, ctrlC: () => process.kill(-child.pid!, 'SIGINT') };
}

type Record = { status: string; stages: { [stage: string]: { status: string; epoch?: number } } };

/** Waits until the (only) run folder's run.json satisfies `ready`; returns the folder. */
export async function waitForRun(dir: string, ready: (record: Record) => boolean, seconds = 120): Promise<string> {
  for (let i = 0; i < seconds * 10; i++) {
    const [run] = await runFolders(dir);
    const record = run ? await readJson<Record>(path.join(run, 'run.json')).catch(() => undefined) : undefined;
    if (run && record && ready(record)) return run;
    await sleep(100);
  }
  throw new Error(`the run in ${dir} never got there`);
}

/** The pids of a process's children (from /proc). */
export async function childrenOf(pid: number): Promise<number[]> {
  const out: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // The command name may hold spaces and parentheses: the fields after the last ')' are fixed.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === pid) out.push(Number(entry));
  }
  return out;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits up to `seconds` for every pid to be gone; returns those still alive. */
export async function waitGone(pids: readonly number[], seconds: number): Promise<number[]> {
  for (let i = 0; i < seconds * 10; i++) {
    // A zombie (exited, not yet reaped by a dead parent's reaper) counts as gone.
    const left = [];
    for (const pid of pids) if (alive(pid) && !(await zombie(pid))) left.push(pid);
    if (!left.length) return [];
    await sleep(100);
  }
  return pids.filter(alive);
}

async function zombie(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
}
