import path from 'node:path';
import {
  isSweepRecord,
  listRuns,
  readParams,
  readRun,
  readSummary,
  trialDir,
  type RunRecord,
} from '../../run-store/index.js';
import { formatMetrics } from '../progress.js';

interface Found {
  readonly id: string;
  readonly dir: string;
  readonly record: RunRecord;
}

/** A run named by its folder, a unique prefix of it, or `<sweep>/<trial>`. */
async function findRun(runsDir: string, name: string): Promise<Found | string> {
  const [head, ...rest] = name.split('/');
  const all = await listRuns(runsDir);
  const matches = all.includes(head!) ? [head!] : all.filter((r) => r.startsWith(head!) || r.includes(head!));
  if (matches.length === 0) return `no run matches \`${name}\` in ${runsDir}`;
  if (matches.length > 1)
    return `\`${name}\` matches ${matches.length} runs: ${matches.slice(0, 5).join(', ')}${matches.length > 5 ? ', ...' : ''}`;
  const dir = rest.length
    ? trialDir(path.join(runsDir, matches[0]!), path.join(...rest))
    : path.join(runsDir, matches[0]!);
  const loaded = await readRun(dir).catch(() => undefined);
  if (!loaded) return `${dir} has no readable run.json`;
  return { id: rest.length ? `${matches[0]}/${rest.join('/')}` : matches[0]!, dir, record: loaded.record };
}

function finalMetrics(record: RunRecord): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [stage, s] of Object.entries(record.stages))
    for (const [k, v] of Object.entries(s.metrics)) out[`${stage}.${k}`] = v;
  return out;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  return [header, ...rows]
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** `aelab runs ls`: recent runs, newest first. */
export async function runsList(runsDir: string, opts: { json: boolean; limit: number }): Promise<number> {
  const ids = (await listRuns(runsDir)).slice(0, opts.limit);
  const found = (
    await Promise.all(
      ids.map(async (id) => ({ id, run: await readRun(path.join(runsDir, id)).catch(() => undefined) })),
    )
  ).filter((f) => f.run);
  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify(
        found.map((f) => ({ id: f.id, ...pick(f.run!.record), metrics: finalMetrics(f.run!.record) })),
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  if (!found.length) {
    process.stdout.write(`no runs in ${runsDir}\n`);
    return 0;
  }
  const rows = found.map(({ id, run }) => {
    const r = run!.record;
    const metrics = Object.entries(finalMetrics(r)).filter(([k]) => k.includes('.test_'));
    const trials = isSweepRecord(r) ? ` (${Object.keys(r.trials ?? {}).length} trials)` : '';
    return [
      id,
      `${r.kind}${trials}`,
      r.status,
      r.duration_s === undefined ? '-' : `${r.duration_s.toFixed(1)}s`,
      formatMetrics(Object.fromEntries(metrics)),
    ];
  });
  process.stdout.write(`${table(['run', 'kind', 'status', 'time', 'test metrics'], rows)}\n`);
  return 0;
}

function pick(r: RunRecord) {
  return {
    name: r.name,
    kind: r.kind,
    status: r.status,
    start_time: r.start_time,
    end_time: r.end_time,
    duration_s: r.duration_s,
    experiment_file: r.experiment_file,
  };
}

/** `aelab runs show RUN`: one run's record, settings, final metrics and (for a sweep) its trials. */
export async function runsShow(runsDir: string, name: string, opts: { json: boolean }): Promise<number> {
  const found = await findRun(runsDir, name);
  if (typeof found === 'string') return fail(found);
  const params = await readParams(found.dir);
  const summary = (await readSummary(found.dir)) ?? null;
  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify({ id: found.id, dir: found.dir, record: found.record, params, summary }, null, 2)}\n`,
    );
    return 0;
  }
  const r = found.record;
  const lines = [
    `run       ${found.id}`,
    `folder    ${found.dir}`,
    `kind      ${r.kind}${r.parent ? ` of ${r.parent}` : ''}`,
    `status    ${r.status}${r.error ? `: ${r.error.split('\n')[0]}` : ''}`,
    `file      ${r.experiment_file}`,
    `started   ${r.start_time}${r.duration_s !== undefined ? ` (${r.duration_s.toFixed(1)}s)` : ''}`,
    `seed      ${r.seed}`,
  ];
  if (r.environment)
    lines.push(
      `backend   ${r.environment.backend}${r.environment.threads === undefined ? '' : `, ${r.environment.threads} thread${r.environment.threads === 1 ? '' : 's'}`} (tfjs ${r.environment.tfjs}, node ${r.environment.node}${r.environment.gitCommit ? `, commit ${r.environment.gitCommit.slice(0, 10)}` : ''})`,
    );
  if (r.assignment)
    lines.push(
      `swept     ${Object.entries(r.assignment)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(' ')}`,
    );
  if (Object.keys(r.stages).length) {
    lines.push('', 'stages:');
    for (const [stage, s] of Object.entries(r.stages))
      lines.push(
        `  ${stage.padEnd(12)} ${s.status.padEnd(9)}${s.cached ? '(cached) ' : ''}${formatMetrics(s.metrics)}`,
      );
  }
  const trials = isSweepRecord(r) ? r.trials : undefined;
  if (trials) {
    lines.push('', 'trials:');
    for (const [id, t] of Object.entries(trials))
      lines.push(
        `  ${id}  ${t.status.padEnd(9)} ${Object.entries(t.assignment)
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(' ')}${t.error ? `  (${t.error.split('\n')[0]})` : ''}`,
      );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** `aelab runs compare RUN RUN...`: only the settings that differ, then every final metric side by side. */
export async function runsCompare(runsDir: string, names: readonly string[], opts: { json: boolean }): Promise<number> {
  const found: Found[] = [];
  for (const name of names) {
    const f = await findRun(runsDir, name);
    if (typeof f === 'string') return fail(f);
    found.push(f);
  }
  const params = await Promise.all(found.map((f) => readParams(f.dir)));
  const keys = [...new Set(params.flatMap((p) => Object.keys(p)))].sort();
  const differing = keys.filter((k) => new Set(params.map((p) => JSON.stringify(p[k]))).size > 1);
  const metrics = found.map((f) => finalMetrics(f.record));
  const metricKeys = [...new Set(metrics.flatMap((m) => Object.keys(m)))].sort();
  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify(
        {
          runs: found.map((f) => f.id),
          params: Object.fromEntries(differing.map((k) => [k, params.map((p) => p[k] ?? null)])),
          metrics: Object.fromEntries(metricKeys.map((k) => [k, metrics.map((m) => m[k] ?? null)])),
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  const header = ['', ...found.map((f) => f.id)];
  const out = [
    differing.length ? 'settings that differ:' : 'settings: all the same',
    table(
      header,
      differing.map((k) => [k, ...params.map((p) => (p[k] === undefined ? '-' : JSON.stringify(p[k])))]),
    ),
  ];
  out.push(
    '',
    'final metrics:',
    table(
      header,
      metricKeys.map((k) => [k, ...metrics.map((m) => (m[k] === undefined ? '-' : m[k]!.toFixed(4)))]),
    ),
  );
  if (!differing.length) out.splice(1, 1);
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

function fail(message: string): number {
  process.stderr.write(`error: ${message}\n`);
  return 1;
}
