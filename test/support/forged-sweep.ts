// A sweep folder as the submitter leaves it on the shared runs folder before its trials are
// queued, and a colleague's finished work beside it: what the forged-job tests check is untouched.

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The sweep's own folder with its run.json, as `aelab run --queue` writes it before queuing. */
export async function plantSweepFolder(runsDir: string, sweep: string): Promise<string> {
  const dir = path.join(runsDir, sweep);
  await mkdir(dir, { recursive: true });
  const record = {
    id: sweep,
    name: 'tiny-sweep',
    kind: 'sweep',
    experiment_file: 'sweep.yaml',
    status: 'running',
    start_time: new Date().toISOString(),
    seed: 3,
    stages: {},
    settings: { experimentFile: 'sweep.yaml', backend: 'wasm', parallel: 1, failFast: false, cache: true },
    trials: {},
  };
  await writeFile(path.join(dir, 'run.json'), `${JSON.stringify(record, null, 2)}\n`);
  return dir;
}

/** A colleague's finished run and a file in the shared cache: what no job may touch. */
export async function plantColleagueWork(runsDir: string): Promise<void> {
  const run = path.join(runsDir, '20261201-101010-colleague-abc123');
  await mkdir(path.join(run, 'stages', 'ae'), { recursive: true });
  await writeFile(
    path.join(run, 'run.json'),
    '{"id":"20261201-101010-colleague-abc123","kind":"run","status":"finished"}\n',
  );
  await writeFile(path.join(run, 'stages', 'ae', 'weights.bin'), "a colleague's weights");
  await mkdir(path.join(runsDir, '.cache', 'stages', '0123456789abcdef'), { recursive: true });
  await writeFile(path.join(runsDir, '.cache', 'stages', '0123456789abcdef', 'note'), "a colleague's cache entry");
}
