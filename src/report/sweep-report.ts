/**
 * report.html of a sweep: one page for the whole sweep. The trials as a table (swept values, key
 * metrics, status, time) with the best one marked, each swept setting against each key metric as
 * a chart, the validation curves of all trials together, and the best trial's pictures.
 */
import { asTrained } from '../stages/as-trained.js';
import path from 'node:path';
import { stageType } from '../stages/registry.js';
import { lossCurvesChart, sweepChart, type Series, type SweepPoint } from '../pictures/charts.js';
import { trialDir, TRIALS_DIR } from '../run-store/index.js';
import { writeFileAtomic } from '../util/atomic.js';
import { categoryChart, epochSeries, inlineSvg } from './charts.js';
import { probeSection } from './sweep-probes.js';
import { findings } from './comparison.js';
import { formatDuration, formatMetric, formatSetting, isAccuracy, shortSetting } from './format.js';
import { metricRange } from '../util/metric-direction.js';
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
import { readRunFolder, readSweepFolder, type RunFolder, type StageFiles, type SweepFolder } from './read.js';
import { CONFUSION, FIGURE } from '../stages/artifacts.js';
import { evidenceOf, findingsList, REPORT_FILE } from './run-report.js';
import { keyMetrics, sweepBest, sweepObjective, type Objective } from './sweep-decide.js';
import { metricLabel, sweepShape, sweepWords } from './sweep-judge.js';
import { settingsText, sweptKeys, trialRows, type TrialRow } from './sweep-rows.js';
import { isRepeated, meanPoints, pointsSection } from './sweep-points.js';
import { bestPoint, sweepPoints } from '../run-store/index.js';
import { schedulerSection } from './sweep-scheduler.js';

/** Writes <sweepDir>/report.html and returns its path. Throws only when run.json cannot be read. */
export async function writeSweepReport(sweepDir: string): Promise<string> {
  const sweep = await readSweepFolder(sweepDir);
  const file = path.join(sweepDir, REPORT_FILE);
  await writeFileAtomic(file, await renderSweepReport(sweep));
  return file;
}

export type { Objective, TrialRow };
export { sweepShape };

export async function renderSweepReport(sweep: SweepFolder): Promise<string> {
  const { record, config } = sweep;
  const rows = trialRows(sweep);
  const objective = sweepObjective(sweep);
  const best = sweepBest(sweep, rows, objective);
  const keys = sweptKeys(config, rows);
  const metrics = keyMetrics(config, rows);
  const bestRow = rows.find((r) => r.id === best);
  const repeated = isRepeated(rows);
  const points = sweepPoints(rows);

  const finished = rows.filter((r) => r.status === 'finished').length;
  const facts: Fact[] = runFacts(record);
  const stopped = rows.filter((r) => r.status === 'stopped').length;
  facts.splice(3, 0, {
    label: 'Trials',
    value: `${finished} of ${rows.length} finished${stopped ? `, ${stopped} stopped by the scheduler` : ''}`,
  });
  if (record.settings?.parallel) facts.splice(4, 0, { label: 'Parallel', value: String(record.settings.parallel) });

  const bestFolder = best ? await readRunFolder(trialDir(sweep.dir, best)).catch(() => undefined) : undefined;
  const [charts, curves, bestSection, probes] = await Promise.all([
    settingCharts(rows, keys, metrics, repeated),
    trialCurves(sweep, rows, keys),
    bestTrialSection(sweep, bestRow, bestFolder, keys, objective),
    probeSection(sweep, rows, keys, wantsLogX),
  ]);

  const scheduler = schedulerSection(sweep);
  const toc: [string, string][] = [
    ['summary', 'In short'],
    ...(repeated ? [['points', 'Points'] as [string, string]] : []),
    ['trials', 'Trials'],
    ...(scheduler ? [['scheduler', 'Scheduler'] as [string, string]] : []),
    ...(charts.length ? [['settings', 'Settings against results'] as [string, string]] : []),
    ...(probes ? [['probes', 'Class information in the codes'] as [string, string]] : []),
    ...(curves.length ? [['curves', 'Training curves'] as [string, string]] : []),
    ...(bestRow ? [['best', 'Best trial'] as [string, string]] : []),
    ['config', 'Configuration'],
    ['environment', 'Environment'],
  ];

  const body = html`${heading('aelab · sweep report', record, config?.description, facts, toc)}
    <main>
      ${summarySection(rows, keys, metrics, objective, bestRow, bestFolder, sweep.trials)}
      ${repeated ? pointsSection(points, keys, metrics, bestPoint(points, objective)) : ''}
      ${trialsSection(sweep, rows, keys, metrics, best, repeated)} ${scheduler ?? ''}
      ${
        charts.length
          ? html`<section id="settings">
              <h2>
                Settings against results
                <span class="sub"
                  >${
                    repeated
                      ? 'the mean of each point over its repeats, its 95% interval as an error bar'
                      : 'one point per finished trial'
                  }</span
                >
              </h2>
              <div class="charts">${charts}</div>
            </section>`
          : ''
      }
      ${probes ?? ''}
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
  const lines = sweepWords(rows, keys, metrics, objective, bestRow, trials);
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

function trialsSection(
  sweep: SweepFolder,
  rows: readonly TrialRow[],
  keys: readonly string[],
  metrics: readonly string[],
  best: string | undefined,
  repeated = false,
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
        ...(repeated
          ? [
              { label: 'Repeat', num: true, cell: (r: TrialRow) => String(r.repeat ?? 0) },
              { label: 'Seed', num: true, cell: (r: TrialRow) => (r.seed === undefined ? '–' : String(r.seed)) },
            ]
          : []),
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
  repeated = false,
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
        const each: SweepPoint[] = done.flatMap((r) =>
          plot.metrics.flatMap((m) => {
            const y = r.metrics[m];
            const x = r.assignment[key];
            if (y === undefined || typeof x !== 'number') return [];
            const series = plot.series(r, m);
            return [{ x, y: asPlotted(m, y), ...(series !== undefined ? { series } : {}) }];
          }),
        );
        // Repeats: one point per setting, the mean with its 95% interval.
        const range = plot.metrics.every(isAccuracy)
          ? { min: 0, max: 100 }
          : plot.metrics.every((m) => metricRange(m).min === 0)
            ? { min: 0 }
            : {};
        const points = repeated ? meanPoints(each, range) : each;
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
      const definition = stageType(s.config.type);
      const isObjective = objective?.key === `${s.name}.${definition?.headline?.metric}`;
      for (const p of definition?.report?.pictures ?? []) {
        const png = pictureOf(f, p.file);
        if (!png || (p.onlyForObjective && !isObjective)) continue;
        pictures.push(
          pngFigure(png, `${s.name}: ${p.caption}`, {
            ...(p.pixelated ? { pixelated: true } : {}),
            ...(p.scale ? { scale: p.scale } : {}),
          }),
        );
      }
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

/** A picture a stage folder holds, by file name. */
export function pictureOf(files: StageFiles | undefined, file: string): Buffer | undefined {
  if (file === FIGURE.file) return files?.figure;
  if (file === CONFUSION.file) return files?.confusion;
  return files?.pictures?.[file];
}
