import path from 'node:path';
import {
  isSweepRecord,
  effectiveStatus,
  listRuns,
  readParams,
  readRun,
  readSummary,
  resolveRun,
  testMetrics,
  trialStatus,
  type FoundRun,
  type MetricAggregate,
  type RunRecord,
  type SweepSummary,
  type TrialStatus,
} from '../../run-store/index.js';
import { formatAggregate, hasRepeats, pointTable } from '../point-table.js';
import { formatMetrics } from '../progress.js';

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
      ids.map(async (id) => {
        const dir = path.join(runsDir, id);
        const run = await readRun(dir).catch(() => undefined);
        return { id, run, status: run && (await effectiveStatus(dir, run.record)).status };
      }),
    )
  ).filter((f) => f.run);
  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify(
        found.map((f) => ({
          id: f.id,
          ...pick(f.run!.record),
          status: f.status,
          metrics: finalMetrics(f.run!.record),
        })),
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
  const rows = await Promise.all(
    found.map(async ({ id, run, status }) => {
      const r = run!.record;
      const stopped = isSweepRecord(r) ? Object.values(r.trials ?? {}).filter((t) => t.status === 'stopped').length : 0;
      const trials = isSweepRecord(r)
        ? ` (${Object.keys(r.trials ?? {}).length} trials${stopped ? `, ${stopped} stopped` : ''})`
        : '';
      return [
        id,
        `${r.kind}${trials}`,
        status!,
        r.duration_s === undefined ? '-' : `${r.duration_s.toFixed(1)}s`,
        isSweepRecord(r) ? sweepLine(await readSummary(path.join(runsDir, id))) : formatMetrics(testMetrics(r)),
      ];
    }),
  );
  process.stdout.write(`${table(['run', 'kind', 'status', 'time', 'test metrics'], rows)}\n`);
  return 0;
}

/** A sweep's key metrics for one line: its best trial's test metrics, e.g. "best t002: clf.test_acc=0.91". */
function sweepLine(summary: SweepSummary | undefined): string {
  const best = summary?.trials.find((t) => t.id === summary.best);
  if (!best) return summary ? 'no best trial' : '-';
  return `best ${best.id}: ${formatMetrics(best.metrics)}`;
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
  const resolved = await resolveRun(runsDir, name);
  if (!resolved.ok) return fail(resolved.error);
  const found = resolved.value;
  const params = await readParams(found.dir);
  const summary = (await readSummary(found.dir)) ?? null;
  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify({ id: found.id, dir: found.dir, status: (await effectiveStatus(found.dir, found.record)).status, record: found.record, params, summary }, null, 2)}\n`,
    );
    return 0;
  }
  const r = found.record;
  const live = await effectiveStatus(found.dir, r);
  const died = live.status === 'died' && live.heartbeat;
  const lines = [
    `run       ${found.id}`,
    `folder    ${found.dir}`,
    `kind      ${r.kind}${r.parent ? ` of ${r.parent}` : ''}`,
    `status    ${live.status}${r.error ? `: ${r.error.split('\n')[0]}` : ''}${died ? `: process ${died.pid} on ${died.host} is gone (last heartbeat ${died.time}); \`aelab resume ${r.parent ?? found.id}\` completes it` : ''}`,
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
        `  ${stage.padEnd(12)} ${s.status.padEnd(9)}${s.cached ? '(cached) ' : ''}${s.status === 'stopped' ? `at epoch ${s.epoch}/${s.epochs} by the scheduler: ${s.reason ?? ''}` : formatMetrics(s.metrics)}`,
      );
  }
  const trials = isSweepRecord(r) ? r.trials : undefined;
  if (trials) {
    const rows = new Map((summary?.trials ?? []).map((t) => [t.id, t]));
    if (summary?.objective)
      lines.push(
        '',
        `objective ${summary.objective.key} (${summary.objective.maximize ? 'highest' : 'lowest'} wins)${summary.best ? `; best trial ${summary.best}` : '; no best trial'}`,
      );
    const queued = isSweepRecord(r) && r.settings.queue !== undefined;
    lines.push('', queued && isSweepRecord(r) ? `trials (on the queue ${r.settings.queue!.url}):` : 'trials:');
    for (const [id, t] of Object.entries(trials)) {
      const state = trialNote(await trialStatus(found.dir, { status: live.status, queued }, id, t));
      const metrics = rows.get(id)?.metrics ?? {};
      const row = rows.get(id);
      const assignment = [
        ...Object.entries(t.assignment).map(([k, v]) => `${k.split('.').pop()}=${JSON.stringify(v)}`),
        ...(hasRepeats(summary ?? undefined) ? [`repeat=${row?.repeat ?? 0}`] : []),
      ].join(' ');
      lines.push(
        `${id === summary?.best && !hasRepeats(summary ?? undefined) ? '* ' : '  '}${id}  ${state.status.padEnd(9)} ${assignment}${state.note}${Object.keys(metrics).length ? `  ${formatMetrics(metrics)}` : ''}${t.error ? `  (${t.error.split('\n')[0]})` : ''}${t.stopped ? `  (at ${t.stopped.stage} epoch ${t.stopped.epoch}: ${t.stopped.reason})` : ''}`,
      );
    }
  }
  if (summary && hasRepeats(summary))
    lines.push('', `points (${summary.repeats} repeats each):`, ...pointTable(summary).map((l) => `  ${l}`));
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** A trial's status as `runs show` prints it, with where it runs or ran. */
function trialNote(t: TrialStatus): { status: string; note: string } {
  const on = t.worker ? `  on ${t.worker}` : '';
  if (t.uncollected) return { status: t.status, note: `${on} (not yet collected: \`aelab resume\` collects it)` };
  return { status: t.status, note: `${on}${t.attempt ? ` (attempt ${t.attempt})` : ''}` };
}

/** `aelab runs compare RUN RUN...`: only the settings that differ, then every final metric side by side. */
export async function runsCompare(runsDir: string, names: readonly string[], opts: { json: boolean }): Promise<number> {
  const found: FoundRun[] = [];
  for (const name of names) {
    const f = await resolveRun(runsDir, name);
    if (!f.ok) return fail(f.error);
    found.push(f.value);
  }
  const params = await Promise.all(found.map((f) => readParams(f.dir)));
  const keys = [...new Set(params.flatMap((p) => Object.keys(p)))].sort();
  const differing = keys.filter((k) => new Set(params.map((p) => JSON.stringify(p[k]))).size > 1);
  // A sweep stands in a comparison by its best point: each metric's mean, sd and interval over its repeats.
  const summaries = await Promise.all(found.map((f) => (isSweepRecord(f.record) ? readSummary(f.dir) : undefined)));
  const metrics: Record<string, number | MetricAggregate>[] = found.map((f, i) => {
    const best = summaries[i]?.points?.find((p) => p.point === summaries[i]?.best_point);
    return best ? { ...best.metrics } : finalMetrics(f.record);
  });
  const metricKeys = [...new Set(metrics.flatMap((m) => Object.keys(m)))].sort();
  const metricCell = (v: number | MetricAggregate | undefined): string =>
    v === undefined ? '-' : typeof v === 'number' ? v.toFixed(4) : formatAggregate(v);
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
  const heads = shortHeads(found.map((f) => f.id));
  const header = ['', ...heads];
  const cell = (v: unknown) => clip(v === undefined ? '-' : JSON.stringify(v), CELL_WIDTH);
  const settingRows = differing.map((k) => [k, ...params.map((p) => cell(p[k]))]);
  const metricRows = metricKeys.map((k) => [k, ...metrics.map((m) => metricCell(m[k]))]);
  // The first column gets what the runs' columns leave of the width.
  const used = header
    .slice(1)
    .map((h, c) => Math.max(h.length, ...[...settingRows, ...metricRows].map((r) => (r[c + 1] ?? '').length)) + 2)
    .reduce((a, b) => a + b, 0);
  const keyWidth = Math.max(12, WIDTH - used);
  const fit = (rows: string[][]) => rows.map(([k, ...rest]) => [clip(k!, keyWidth), ...rest]);
  const out = [
    heads.map((h, i) => `${h.padEnd(Math.max(...heads.map((x) => x.length)))}  ${found[i]!.id}`).join('\n'),
    '',
    differing.length ? 'settings that differ:' : 'settings: all the same',
    table(header, fit(settingRows)),
  ];
  const sweeps = found.flatMap((f, i) => {
    const s = summaries[i];
    const best = s?.points?.find((p) => p.point === s.best_point);
    if (!best) return [];
    const swept = Object.entries(best.assignment).map(([k, v]) => `${k.split('.').pop()}=${JSON.stringify(v)}`);
    return [
      `${heads[i]}: a sweep, shown by its best point p${best.point}${swept.length ? ` (${swept.join(' ')})` : ''} over ${best.finished} repeat${best.finished === 1 ? '' : 's'}`,
    ];
  });
  out.push('', 'final metrics:', table(header, fit(metricRows)));
  if (sweeps.length)
    out.push(
      '',
      ...sweeps,
      "a sweep's cells: mean ±sd [95% CI] over the repeats (Student t, n - 1 degrees of freedom)",
    );
  if (!differing.length) out.splice(3, 1);
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

/** `runs compare` fits a terminal of this many columns. */
const WIDTH = 100;
const CELL_WIDTH = 14;

/**
 * Short column heads for runs: a trial's own id (t000), a run's random suffix (3fa2c1); when two
 * would read alike, their full names' distinguishing ends are not short, so they become r1, r2, ...
 */
export function shortHeads(ids: readonly string[]): string[] {
  const short = ids.map((id) => (id.includes('/') ? id.split('/').pop()! : (id.split('-').pop() ?? id)));
  return new Set(short).size === short.length ? short : ids.map((_, i) => `r${i + 1}`);
}

/** Cuts a long cell in the middle, keeping both ends (where settings differ). */
function clip(text: string, width: number): string {
  if (text.length <= width) return text;
  const keep = width - 1;
  return `${text.slice(0, Math.ceil(keep / 2))}…${text.slice(text.length - Math.floor(keep / 2))}`;
}

function fail(message: string): number {
  process.stderr.write(`error: ${message}\n`);
  return 1;
}
