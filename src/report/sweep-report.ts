/**
 * report.html of a sweep: one page for the whole sweep. The trials as a table (swept values, key
 * metrics, status, time) with the best one marked, each swept setting against each key metric as
 * a chart, the validation curves of all trials together, and the best trial's pictures.
 */
import { asTrained } from '../stages/as-trained.js';
import path from 'node:path';
import type { ExperimentConfig } from '../types/experiment-config.js';
import { lossCurvesChart, sweepChart, type Series, type SweepPoint } from '../pictures/charts.js';
import { bestTrial, objectiveOf, testMetrics, trialDir, TRIALS_DIR, type Objective } from '../run-store/index.js';
import { writeFileAtomic } from '../util/atomic.js';
import { categoryChart, epochSeries, inlineSvg } from './charts.js';
import { findings, firstLine } from './comparison.js';
import { formatDuration, formatMetric, formatSetting, isAccuracy, shortSetting } from './format.js';
import { html, type Html } from './html.js';
import {
  badge,
  configSection,
  environmentSection,
  footer,
  heading,
  page,
  pngFigure,
  runFacts,
  table,
  type Fact,
} from './page.js';
import { pipelineOf } from './pipeline.js';
import { readRunFolder, readSweepFolder, type RunFolder, type SweepFolder } from './read.js';
import { evidenceOf, findingsList, REPORT_FILE } from './run-report.js';
import { pairedComparison } from './statistics.js';

/** Writes <sweepDir>/report.html and returns its path. Throws only when run.json cannot be read. */
export async function writeSweepReport(sweepDir: string): Promise<string> {
  const sweep = await readSweepFolder(sweepDir);
  const file = path.join(sweepDir, REPORT_FILE);
  await writeFileAtomic(file, await renderSweepReport(sweep));
  return file;
}

export interface TrialRow {
  readonly id: string;
  readonly status: string;
  readonly assignment: Readonly<Record<string, unknown>>;
  readonly metrics: Readonly<Record<string, number>>;
  readonly seconds?: number;
  readonly error?: string;
}

export type { Objective };

/** Each trial from summary.json when there is one, else from run.json and the trial's own folder. */
export function trialRows(sweep: SweepFolder): TrialRow[] {
  const fromSummary = new Map(sweep.summary?.trials.map((t) => [t.id, t]) ?? []);
  return sweep.trialIds.map((id) => {
    const s = fromSummary.get(id);
    const r = sweep.record.trials[id];
    const folder = sweep.trials.get(id)?.record;
    const metrics: Record<string, number> = s ? { ...s.metrics } : testMetrics(folder);
    // The stage's own error says why; the trial's ("stage cnn failed") only says where.
    const stageErrors = Object.entries(folder?.stages ?? {})
      .filter(([, st]) => st.status === 'failed' && st.error)
      .map(([name, st]) => `${name}: ${firstLine(st.error!)}`);
    const error = [r?.error ?? folder?.error, ...stageErrors].filter(Boolean).join('\n') || undefined;
    const seconds = s?.seconds ?? folder?.duration_s;
    return {
      id,
      status: s?.status ?? r?.status ?? folder?.status ?? 'pending',
      assignment: s?.assignment ?? r?.assignment ?? folder?.assignment ?? {},
      metrics,
      ...(seconds !== undefined ? { seconds } : {}),
      ...(error ? { error } : {}),
    };
  });
}

/** The objective the CLI chose, for a sweep that ended without summary.json: from its config's stages. */
export function objectiveFromConfig(config: ExperimentConfig | undefined): Objective | undefined {
  if (!config) return undefined;
  return objectiveOf(
    pipelineOf(config).stages.map((s) => ({
      name: s.name,
      type: s.config.type,
      readsOutput: s.reads.output !== undefined,
    })),
  );
}

/** The metrics worth a column and a chart: each autoencoder's test loss and each classifier's test accuracy. */
export function keyMetrics(config: ExperimentConfig | undefined, rows: readonly TrialRow[]): string[] {
  const present = new Set(rows.flatMap((r) => Object.keys(r.metrics)));
  const fromConfig = config
    ? pipelineOf(config).stages.map((s) => `${s.name}.${s.config.type === 'autoencoder' ? 'test_loss' : 'test_acc'}`)
    : [];
  const keys = fromConfig.filter((k) => present.has(k));
  // Without a config (or with metrics it does not explain), fall back to every test metric but classifier losses.
  if (keys.length === 0)
    return [...present]
      .filter((k) => !(k.endsWith('.test_loss') && present.has(k.replace(/test_loss$/, 'test_acc'))))
      .sort();
  return keys;
}

/** The swept settings in the order the sweep section names them. */
function sweptKeys(config: ExperimentConfig | undefined, rows: readonly TrialRow[]): string[] {
  const sweep = config?.sweep;
  const declared = [
    ...Object.keys(sweep?.grid ?? {}),
    ...Object.keys(sweep?.zip ?? {}),
    ...Object.keys(sweep?.random?.params ?? {}),
  ];
  const seen = rows.flatMap((r) => Object.keys(r.assignment));
  return [...new Set([...declared.filter((k) => seen.includes(k)), ...seen])];
}

const settingsText = (assignment: Readonly<Record<string, unknown>>, keys: readonly string[]): string =>
  keys
    .filter((k) => k in assignment)
    .map((k) => `${shortSetting(k)} = ${formatSetting(assignment[k])}`)
    .join(', ');

const metricLabel = (key: string): string => {
  const dot = key.lastIndexOf('.');
  const stage = key.slice(0, dot);
  const metric = key.slice(dot + 1);
  return `${stage} ${metric === 'test_acc' ? 'test accuracy' : metric === 'test_loss' ? 'test loss' : metric.replace(/_/g, ' ')}`;
};

export async function renderSweepReport(sweep: SweepFolder): Promise<string> {
  const { record, config } = sweep;
  const rows = trialRows(sweep);
  const objective = sweep.summary?.objective ?? objectiveFromConfig(config);
  const best = sweep.summary?.best ?? bestTrial(rows, objective);
  const keys = sweptKeys(config, rows);
  const metrics = keyMetrics(config, rows);
  const bestRow = rows.find((r) => r.id === best);

  const finished = rows.filter((r) => r.status === 'finished').length;
  const facts: Fact[] = runFacts(record);
  facts.splice(3, 0, { label: 'Trials', value: `${finished} of ${rows.length} finished` });
  if (record.settings?.parallel) facts.splice(4, 0, { label: 'Parallel', value: String(record.settings.parallel) });

  const bestFolder = best ? await readRunFolder(trialDir(sweep.dir, best)).catch(() => undefined) : undefined;
  const [charts, curves, bestSection] = await Promise.all([
    settingCharts(rows, keys, metrics),
    trialCurves(sweep, rows, keys),
    bestTrialSection(sweep, bestRow, bestFolder, keys, objective),
  ]);

  const toc: [string, string][] = [
    ['summary', 'In short'],
    ['trials', 'Trials'],
    ...(charts.length ? [['settings', 'Settings against results'] as [string, string]] : []),
    ...(curves.length ? [['curves', 'Training curves'] as [string, string]] : []),
    ...(bestRow ? [['best', 'Best trial'] as [string, string]] : []),
    ['config', 'Configuration'],
    ['environment', 'Environment'],
  ];

  const body = html`${heading('aelab · sweep report', record, config?.description, facts, toc)}
    <main>
      ${summarySection(rows, keys, metrics, objective, bestRow, bestFolder, sweep.trials)}
      ${trialsSection(sweep, rows, keys, metrics, best)}
      ${
        charts.length
          ? html`<section id="settings">
              <h2>Settings against results <span class="sub">one point per finished trial</span></h2>
              <div class="charts">${charts}</div>
            </section>`
          : ''
      }
      ${
        curves.length
          ? html`<section id="curves">
              <h2>Training curves <span class="sub">validation loss per epoch, one line per trial</span></h2>
              <div class="charts">${curves}</div>
            </section>`
          : ''
      }
      ${bestSection}
      ${configSection(config && asTrained(config), 'The experiment as it ran, with its sweep section: the YAML file after validation, with every default filled in and each stage as it trained.')}
      ${environmentSection(
        record.environment,
        record.settings
          ? [
              { label: 'Experiment file', value: record.settings.experimentFile },
              { label: 'Stage cache', value: record.settings.cache ? 'on' : 'off' },
            ]
          : [],
      )}
      ${footer('This report was')}
    </main>`;
  return page(`${record.name} · aelab sweep report`, body);
}

function summarySection(
  rows: readonly TrialRow[],
  keys: readonly string[],
  metrics: readonly string[],
  objective: Objective | undefined,
  bestRow: TrialRow | undefined,
  bestFolder: RunFolder | undefined,
  trials: ReadonlyMap<string, RunFolder> = new Map(),
): Html {
  const lines: { text: string; tone?: string }[] = [];
  const finished = rows.filter((r) => r.status === 'finished');
  const failed = rows.filter((r) => r.status === 'failed' || r.status === 'killed');
  if (bestRow && objective) {
    const value = bestRow.metrics[objective.key];
    lines.push({
      text: `Best trial: ${bestRow.id} (${settingsText(bestRow.assignment, keys)}), with ${metricLabel(objective.key)} ${formatMetric(objective.key, value)}, the ${objective.maximize ? 'highest' : 'lowest'} of ${finished.length} finished trial${finished.length === 1 ? '' : 's'}.`,
      tone: 'better',
    });
  } else if (rows.length) {
    lines.push({ text: 'No trial finished with the metric the best trial is chosen by.', tone: 'bad' });
  }
  for (const key of metrics) {
    const scored = finished.filter((r) => Number.isFinite(r.metrics[key]));
    if (scored.length < 2) continue;
    const values = scored.map((r) => r.metrics[key]!);
    const lo = scored[values.indexOf(Math.min(...values))]!;
    const hi = scored[values.indexOf(Math.max(...values))]!;
    if (lo.metrics[key] === hi.metrics[key]) {
      lines.push({
        text: `${metricLabel(key)} was ${formatMetric(key, lo.metrics[key])} in every trial: the swept settings do not reach that stage.`,
      });
    } else {
      lines.push({
        text: `${metricLabel(key)} ranged from ${formatMetric(key, lo.metrics[key])} (${settingsText(lo.assignment, keys)}) to ${formatMetric(key, hi.metrics[key])} (${settingsText(hi.assignment, keys)}).`,
      });
    }
  }
  if (failed.length)
    lines.push({
      text: `${failed.length} of ${rows.length} trials did not finish: ${failed.map((r) => `${r.id} (${r.status})`).join(', ')}.`,
      tone: 'bad',
    });
  const pending = rows.filter((r) => r.status === 'pending' || r.status === 'running');
  if (pending.length)
    lines.push({
      text: `${pending.length} trial${pending.length === 1 ? '' : 's'} did not run to the end: ${pending.map((r) => r.id).join(', ')}.`,
      tone: 'bad',
    });
  if (objective && bestRow) {
    const shape = sweepShape(rows, keys, objective, bestRow, trials);
    if (shape) lines.push({ text: shape });
  }
  const inBest = bestFolder?.config
    ? findings(bestFolder.config, bestFolder.record.stages, evidenceOf(bestFolder))
    : [];
  return html`<section id="summary">
    <h2>In short</h2>
    <ul class="findings">
      ${lines.map((l) => html`<li${l.tone ? html` class="${l.tone}"` : ''}>${l.text}</li>`)}
    </ul>
    ${
      inBest.length
        ? html`<h3>In the best trial</h3>
            ${findingsList(inBest)}`
        : ''
    }
  </section>`;
}

/**
 * What a sweep over one number shows, in words: where the objective stops improving. A trial is
 * "within the noise" of the best when the two classifiers' paired difference on the same test
 * images is not significant (McNemar's exact test, p >= 0.05); without per-image predictions,
 * when the accuracies are within two standard errors.
 */
export function sweepShape(
  rows: readonly TrialRow[],
  keys: readonly string[],
  objective: Objective,
  best: TrialRow,
  trials: ReadonlyMap<string, RunFolder>,
): string | undefined {
  if (keys.length !== 1 || !objective.maximize || !isAccuracy(objective.key)) return undefined;
  const key = keys[0]!;
  const stage = objective.key.split('.')[0]!;
  const scored = rows
    .filter(
      (r) =>
        r.status === 'finished' && Number.isFinite(r.metrics[objective.key]) && typeof r.assignment[key] === 'number',
    )
    .sort((a, b) => (a.assignment[key] as number) - (b.assignment[key] as number));
  if (scored.length < 3) return undefined;
  const bestPredictions = trials.get(best.id)?.files[stage]?.predictions;
  const n = trials.get(best.id) ? evidenceOf(trials.get(best.id)!)[stage]?.n : undefined;
  const likeBest = (r: TrialRow): boolean => {
    if (r.id === best.id) return true;
    const mine = trials.get(r.id)?.files[stage]?.predictions;
    const paired = mine && bestPredictions ? pairedComparison(mine, bestPredictions) : undefined;
    if (paired) return paired.p >= 0.05;
    const a = r.metrics[objective.key]!;
    const b = best.metrics[objective.key]!;
    if (!n) return a === b;
    return Math.abs(a - b) < 2 * Math.sqrt((a * (1 - a) + b * (1 - b)) / n);
  };
  // The smallest value from which every trial is within the noise of the best.
  let from = scored.length;
  while (from > 0 && likeBest(scored[from - 1]!)) from--;
  const short = shortSetting(key);
  const value = (r: TrialRow) => formatSetting(r.assignment[key]);
  const how = bestPredictions
    ? "paired McNemar's exact test against the best trial, p >= 0.05"
    : 'within two standard errors of the best trial';
  const last = scored[scored.length - 1]!;
  // Equal in every trial: the summary already says so.
  if (scored.every((r) => r.metrics[objective.key] === best.metrics[objective.key])) return undefined;
  if (from === 0)
    return `${metricLabel(objective.key)} does not change with ${short} beyond the noise: every trial is within it (${how}); it is ${formatMetric(objective.key, scored[0]!.metrics[objective.key])} at ${short} ${value(scored[0]!)} and ${formatMetric(objective.key, last.metrics[objective.key])} at ${value(last)}.`;
  if (from >= scored.length) return undefined;
  const first = scored[0]!;
  const plateau = scored[from]!;
  return `${metricLabel(objective.key)} rises from ${formatMetric(objective.key, first.metrics[objective.key])} at ${short} ${value(first)} and stops improving at ${short} ${value(plateau)} (${formatMetric(objective.key, plateau.metrics[objective.key])}): from there on, every trial is within the noise of the best (${how}).`;
}

function trialsSection(
  sweep: SweepFolder,
  rows: readonly TrialRow[],
  keys: readonly string[],
  metrics: readonly string[],
  best: string | undefined,
): Html {
  const trialCell = (r: TrialRow) => {
    const name = sweep.trialReports.has(r.id)
      ? html`<a href="trials/${r.id}/${REPORT_FILE}"><code>${r.id}</code></a>`
      : html`<code>${r.id}</code>`;
    return r.id === best ? html`${name} <span class="star" title="best trial">★ best</span>` : name;
  };
  const errors = rows.filter((r) => r.error);
  return html`<section id="trials">
    <h2>
      Trials
      <span class="sub"
        >${rows.length} trial${rows.length === 1 ? '' : 's'}${best ? '; the best one is highlighted' : ''}</span
      >
    </h2>
    ${table<TrialRow>(
      [
        { label: 'Trial', cell: trialCell },
        ...keys.map((k) => ({
          label: shortSetting(k),
          num: true,
          cell: (r: TrialRow) => (k in r.assignment ? formatSetting(r.assignment[k]) : '–'),
        })),
        ...metrics.map((k) => ({
          label: metricLabel(k),
          num: true,
          cell: (r: TrialRow) => formatMetric(k, r.metrics[k]),
        })),
        { label: 'Status', cell: (r) => badge(r.status) },
        { label: 'Time', num: true, cell: (r) => formatDuration(r.seconds) },
      ],
      rows,
      (r) => (r.id === best ? 'best' : ''),
    )}
    ${
      errors.length
        ? html`<h3>Why trials failed</h3>
            ${errors.map(
              (r) =>
                html`<p><code>${r.id}</code> (${settingsText(r.assignment, keys)})</p>
                  <pre class="error">${r.error!}</pre>`,
            )}`
        : ''
    }
  </section>`;
}

/** A setting whose values span more than a decade (latent 4..128, learning rate 1e-4..1e-2) reads best on a log axis. */
export function wantsLogX(xs: readonly number[]): boolean {
  return xs.length > 0 && Math.min(...xs) > 0 && Math.max(...xs) / Math.min(...xs) > 10;
}

/** Accuracies are drawn in percent: "98.1" reads better on an axis than "0.981". */
const asPlotted = (key: string, v: number): number => (isAccuracy(key) ? v * 100 : v);
const axisTitle = (keys: readonly string[]): string =>
  keys.every(isAccuracy) ? 'Test accuracy (%)' : keys.every((k) => k.endsWith('test_loss')) ? 'Test loss' : 'Value';

/**
 * For each swept setting: the autoencoders' losses in one chart and the classifiers' accuracies in
 * another, a line per stage (a baseline that the setting does not reach shows as a flat line).
 * With several settings swept, each metric gets its own chart and a line per value of the others.
 */
async function settingCharts(
  rows: readonly TrialRow[],
  keys: readonly string[],
  metrics: readonly string[],
): Promise<Html[]> {
  const done = rows.filter((r) => r.status === 'finished' || Object.keys(r.metrics).length > 0);
  const groups = [metrics.filter((m) => !isAccuracy(m)), metrics.filter(isAccuracy)].filter((g) => g.length > 0);
  const charts: Html[] = [];
  for (const key of keys) {
    const values = done.map((r) => r.assignment[key]).filter((v) => v !== undefined);
    if (new Set(values.map((v) => JSON.stringify(v))).size < 2) continue;
    const others = keys.filter((k) => k !== key);
    const otherLabel = (r: TrialRow) => settingsText(r.assignment, others);
    const otherCombos = new Set(done.map(otherLabel));
    const bySetting = others.length > 0;
    const useOthers = bySetting && otherCombos.size > 1 && otherCombos.size <= 8;
    const plots: { metrics: string[]; series: (r: TrialRow, m: string) => string | undefined }[] = bySetting
      ? metrics.map((m) => ({ metrics: [m], series: (r: TrialRow) => (useOthers ? otherLabel(r) : undefined) }))
      : groups.map((g) => ({
          metrics: g,
          series: (_r: TrialRow, m: string) => (g.length > 1 ? m.slice(0, m.lastIndexOf('.')) : undefined),
        }));
    const numeric = values.every((v) => typeof v === 'number' && Number.isFinite(v));
    for (const plot of plots) {
      const what =
        plot.metrics.length === 1
          ? metricLabel(plot.metrics[0]!)
          : plot.metrics.every(isAccuracy)
            ? "classifiers' test accuracy"
            : 'test loss';
      const title = `${what} against ${shortSetting(key)}`;
      const yTitle =
        plot.metrics.length === 1
          ? `${metricLabel(plot.metrics[0]!)}${isAccuracy(plot.metrics[0]!) ? ' (%)' : ''}`
          : axisTitle(plot.metrics);
      if (numeric) {
        const points: SweepPoint[] = done.flatMap((r) =>
          plot.metrics.flatMap((m) => {
            const y = r.metrics[m];
            const x = r.assignment[key];
            if (y === undefined || typeof x !== 'number') return [];
            const series = plot.series(r, m);
            return [{ x, y: asPlotted(m, y), ...(series !== undefined ? { series } : {}) }];
          }),
        );
        if (points.length === 0) continue;
        charts.push(
          inlineSvg(
            (await sweepChart(points, shortSetting(key), yTitle, { title, logX: wantsLogX(points.map((p) => p.x)) }))
              .svg,
            title,
          ),
        );
      } else {
        const points = done.flatMap((r) =>
          plot.metrics.flatMap((m) => {
            const y = r.metrics[m];
            if (y === undefined || r.assignment[key] === undefined) return [];
            const series = plot.series(r, m);
            return [
              { x: formatSetting(r.assignment[key]), y: asPlotted(m, y), ...(series !== undefined ? { series } : {}) },
            ];
          }),
        );
        if (points.length === 0) continue;
        charts.push(inlineSvg(await categoryChart(points, shortSetting(key), yTitle, title), title));
      }
    }
  }
  return charts;
}

/** Validation loss per epoch of every trial, a chart per stage that at least two trials trained. */
async function trialCurves(sweep: SweepFolder, rows: readonly TrialRow[], keys: readonly string[]): Promise<Html[]> {
  const stages = sweep.config ? pipelineOf(sweep.config).stages.map((s) => s.name) : [];
  const labels = new Map(rows.map((r) => [r.id, settingsText(r.assignment, keys) || r.id]));
  // Two trials with the same settings (random search can repeat) must still be two lines.
  const counts = new Map<string, number>();
  for (const l of labels.values()) counts.set(l, (counts.get(l) ?? 0) + 1);
  for (const [id, l] of labels) if ((counts.get(l) ?? 0) > 1) labels.set(id, `${id}: ${l}`);
  const charts: Html[] = [];
  for (const stage of stages) {
    const series: Series[] = [];
    for (const r of rows) {
      const folder = sweep.trials.get(r.id);
      if (!folder) continue;
      const s = epochSeries(folder.metrics, stage, 'loss');
      const validation = s.find((x) => x.name === 'validation') ?? s.find((x) => x.name === 'train');
      if (validation) series.push({ name: labels.get(r.id)!, points: validation.points });
    }
    // A stage the settings do not reach trains once (or the same way each time): nothing to compare.
    if (series.length < 2 || series.every((x) => JSON.stringify(x.points) === JSON.stringify(series[0]!.points)))
      continue;
    const title = `${stage}: validation loss per epoch`;
    charts.push(inlineSvg((await lossCurvesChart(series, title)).svg, title));
  }
  return charts;
}

async function bestTrialSection(
  sweep: SweepFolder,
  bestRow: TrialRow | undefined,
  folder: RunFolder | undefined,
  keys: readonly string[],
  objective: Objective | undefined,
): Promise<Html> {
  if (!bestRow) return html``;
  const link = sweep.trialReports.has(bestRow.id)
    ? html` <a href="${TRIALS_DIR}/${bestRow.id}/${REPORT_FILE}">Its full report</a>.`
    : '';
  const pictures: Html[] = [];
  if (folder) {
    const stages = folder.config ? pipelineOf(folder.config).stages : [];
    for (const s of stages) {
      const f = folder.files[s.name];
      if (s.config.type === 'autoencoder' && f?.figure)
        pictures.push(
          pngFigure(f.figure, `${s.name}: ten test images, their codes and their reconstructions`, { pixelated: true }),
        );
      if (s.config.type === 'classifier' && f?.confusion && objective?.key === `${s.name}.test_acc`)
        pictures.push(pngFigure(f.confusion, `${s.name}: confusion matrix on the test split`, { scale: 2 }));
    }
  }
  return html`<section id="best">
    <h2>
      Best trial <span class="sub"><code>${bestRow.id}</code> · ${settingsText(bestRow.assignment, keys)}</span>
    </h2>
    <p>
      ${objective ? `Chosen by ${metricLabel(objective.key)} (${objective.maximize ? 'highest' : 'lowest'} wins): ${formatMetric(objective.key, bestRow.metrics[objective.key])}.` : ''}${link}
    </p>
    ${pictures}
  </section>`;
}
