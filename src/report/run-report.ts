/**
 * report.html of one run (or one trial of a sweep): what was asked, what ran, how it went, in the
 * order a reader asks: the result in words, the pipeline, the numbers, then each stage's curves
 * and pictures, and last the full config and the machine.
 */
import { asTrained } from '../stages/as-trained.js';
import { stageType } from '../stages/registry.js';
import path from 'node:path';
import { REPORT_FILE, stageDir, type StageRecord } from '../run-store/index.js';
import { isStageName } from '../util/safe-path.js';
import { writeFileAtomic } from '../util/atomic.js';
import { stageCurves } from './charts.js';
import { findings, reconstructionBaseline, type Evidence, type Finding, type StageEvidence } from './comparison.js';
import { probeSentence, readAnalyses } from './analyses.js';
import { lossesSection, type LossPair } from './losses.js';
import { drawGallery, GALLERY_FILE, readTestImages, type Gallery } from './gallery.js';
import { classCounts } from './statistics.js';
import { formatDuration, formatMetric, formatSetting, shortSetting } from './format.js';
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
import { describeData, pipelineOf, type Pipeline, type StageInfo } from './pipeline.js';
import { readRunFolder, type RunFolder, type StageFiles } from './read.js';

export { REPORT_FILE };

/** Writes <runDir>/report.html and returns its path. Throws only when run.json cannot be read. */
export async function writeRunReport(runDir: string): Promise<string> {
  const run = await readRunFolder(runDir);
  const file = path.join(runDir, REPORT_FILE);
  const pictures = new Map<string, Buffer>();
  await writeFileAtomic(file, await renderRunReport(run, pictures));
  // Pictures the report draws itself (a gallery) go beside the stage's own files, for MLflow too.
  for (const [rel, png] of pictures) await writeFileAtomic(path.join(runDir, rel), png);
  return file;
}

/** The page; the pictures it draws that belong in the run folder too are put into `pictures`, by path in the folder. */
export async function renderRunReport(run: RunFolder, pictures = new Map<string, Buffer>()): Promise<string> {
  const { record, config } = run;
  const pipeline = config ? pipelineOf(config) : undefined;
  const stageNames = orderedStages(run, pipeline);
  const isTrial = record.kind === 'trial';

  const facts: Fact[] = runFacts(record);
  if (isTrial && record.trial) facts.splice(4, 0, { label: 'Trial', value: record.trial });
  if (record.assignment && Object.keys(record.assignment).length) {
    facts.push({
      label: 'Swept settings',
      value: Object.entries(record.assignment)
        .map(([k, v]) => `${shortSetting(k)} = ${formatSetting(v)}`)
        .join(', '),
    });
  }

  const toc: [string, string][] = [
    ['summary', 'In short'],
    ['pipeline', 'Pipeline'],
    ['metrics', 'Final metrics'],
    ...stageNames.map((n): [string, string] => [stageId(n), n]),
    ['config', 'Configuration'],
    ['environment', 'Environment'],
  ];

  const evidence = evidenceOf(run);

  const stageSections: Html[] = [];
  for (const name of stageNames)
    stageSections.push(
      await stageSection(
        run,
        name,
        pipeline?.stages.find((s) => s.name === name),
        pictures,
      ),
    );

  const body = html`${heading(isTrial ? 'aelab · sweep trial' : 'aelab · run report', record, config?.description, facts, toc)}
    <main>
      ${summarySection(run, evidence)} ${pipelineSection(run, pipeline)} ${metricsSection(run, stageNames)}
      <section id="stages">
        <h2>Stages</h2>
        ${stageNames.length ? stageSections : html`<p class="note">No stage ran.</p>`}
      </section>
      ${configSection(config && asTrained(config), "The experiment as it ran: the YAML file after validation, with every default filled in and each stage as it trained (a classifier's loss, the learning rate the optimizer defaults to).")}
      ${environmentSection(record.environment)} ${footer('This report was')}
    </main>`;
  return page(`${record.name}${isTrial && record.trial ? ` ${record.trial}` : ''} · aelab report`, body);
}

/** Stages in pipeline order, then any the run store knows that the config does not (should not happen). */
function orderedStages(run: RunFolder, pipeline: Pipeline | undefined): string[] {
  const names = pipeline?.stages.map((s) => s.name) ?? [];
  for (const n of Object.keys(run.record.stages)) if (!names.includes(n)) names.push(n);
  return names;
}

const stageId = (name: string) => `stage-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;

export function findingsList(items: readonly Finding[]): Html {
  return html`<ul class="findings">
    ${items.map((f) => {
      const cls =
        f.tone === 'bad' ? 'bad' : f.points === undefined ? '' : f.points > 0 ? 'better' : f.points < 0 ? 'worse' : '';
      return html`<li${cls ? html` class="${cls}"` : ''}>${f.text}</li>`;
    })}
  </ul>`;
}

/** Per classifier stage: test size, class counts (from its confusion matrix) and per-image predictions. */
export function evidenceOf(run: RunFolder): Evidence {
  const out: Record<string, StageEvidence> = {};
  for (const [name, f] of Object.entries(run.files)) {
    const matrix = f.evaluation?.confusion_matrix;
    const counts = matrix ? classCounts(matrix) : undefined;
    const n = counts ? counts.labels.reduce((a, b) => a + b, 0) : undefined;
    out[name] = {
      ...(n ? { n } : {}),
      ...(counts ? { counts } : {}),
      ...(f.predictions ? { predictions: f.predictions } : {}),
    };
  }
  return out;
}

function summarySection(run: RunFolder, evidence: Evidence): Html {
  const items = run.config ? findings(run.config, run.record.stages, evidence) : [];
  const error = run.record.error;
  return html`<section id="summary">
    <h2>In short</h2>
    ${items.length ? findingsList(items) : html`<p class="note">No stage reported a test metric.</p>`}
    ${
      error
        ? html`<h3>The run ${run.record.status === 'killed' ? 'was stopped' : 'failed'}</h3>
            <pre class="error">${error}</pre>`
        : ''
    }
  </section>`;
}

interface PipelineRow {
  readonly name: string;
  readonly kind: string;
  readonly reads: string;
  readonly model: string;
  readonly training: string;
  readonly stage?: StageRecord;
}

function pipelineSection(run: RunFolder, pipeline: Pipeline | undefined): Html {
  if (!pipeline)
    return html`<section id="pipeline">
      <h2>Pipeline</h2>
      <p class="note">Without config.json the pipeline is unknown.</p>
    </section>`;
  const rows: PipelineRow[] = [
    ...Object.entries(pipeline.data).map(([name, source]) => ({
      name,
      kind: 'data',
      reads: '',
      model: describeData(source),
      training: '',
    })),
    ...pipeline.stages.map((s) => ({
      name: s.name,
      kind: s.config.type,
      reads: s.reads.output === undefined ? s.reads.node : `${s.reads.node}.${s.reads.output}`,
      model: s.model,
      training: s.training,
      ...(run.record.stages[s.name] ? { stage: run.record.stages[s.name] } : {}),
    })),
  ];
  return html`<section id="pipeline">
    <h2>Pipeline <span class="sub">in the order it runs; each stage reads the one named</span></h2>
    ${table<PipelineRow>(
      [
        { label: 'Name', cell: (r) => html`<code>${r.name}</code>` },
        { label: 'Kind', cell: (r) => r.kind },
        { label: 'Reads', cell: (r) => (r.reads ? html`<code>${r.reads}</code>` : html`<span class="muted">–</span>`) },
        { label: 'Model / source', cell: (r) => r.model },
        { label: 'Training', cell: (r) => r.training || html`<span class="muted">–</span>` },
        {
          label: 'Status',
          cell: (r) =>
            r.kind === 'data'
              ? ''
              : r.stage
                ? html`${badge(r.stage.status)}${r.stage.cached ? html` ${badge('cached')}` : ''}`
                : badge('pending'),
        },
      ],
      rows,
    )}
  </section>`;
}

const METRIC_ORDER = ['test_acc', 'test_loss', 'train_acc', 'train_loss'];

export function metricKeys(stages: readonly StageRecord[]): string[] {
  const keys = new Set(stages.flatMap((s) => Object.keys(s.metrics ?? {})));
  const known = METRIC_ORDER.filter((k) => keys.has(k));
  return [...known, ...[...keys].filter((k) => !METRIC_ORDER.includes(k)).sort()];
}

function metricsSection(run: RunFolder, names: readonly string[]): Html {
  const rows = names.map((name) => ({ name, stage: run.record.stages[name] }));
  const keys = metricKeys(rows.flatMap((r) => (r.stage ? [r.stage] : [])));
  return html`<section id="metrics">
    <h2>Final metrics <span class="sub">test split after the last epoch</span></h2>
    ${table(
      [
        {
          label: 'Stage',
          cell: (r: (typeof rows)[number]) => html`<a href="#${stageId(r.name)}"><code>${r.name}</code></a>`,
        },
        {
          label: 'Status',
          cell: (r) =>
            r.stage
              ? html`${badge(r.stage.status)}${r.stage.cached ? html` ${badge('cached')}` : ''}`
              : badge('pending'),
        },
        ...keys.map((k) => ({
          label: k,
          num: true,
          cell: (r: (typeof rows)[number]) => formatMetric(k, r.stage?.metrics?.[k]),
        })),
        { label: 'Time', num: true, cell: (r) => formatDuration(r.stage?.seconds) },
      ],
      rows,
    )}
  </section>`;
}

async function stageSection(
  run: RunFolder,
  name: string,
  info: StageInfo | undefined,
  pictures: Map<string, Buffer>,
): Promise<Html> {
  const stage = run.record.stages[name];
  const files: StageFiles = run.files[name] ?? {};
  const curves = await stageCurves(run.metrics, name);
  const reads = info
    ? info.reads.output === undefined
      ? info.reads.node
      : `${info.reads.node}.${info.reads.output}`
    : undefined;
  const metrics = Object.entries(stage?.metrics ?? {});
  return html`<div class="stage" id="${stageId(name)}">
    <h3>
      <code>${name}</code><span class="sub">${info?.model ?? ''}</span>
      ${stage ? badge(stage.status) : badge('pending')}${stage?.cached ? html` ${badge('cached')}` : ''}
    </h3>
    <p class="stage-meta">
      ${reads ? html`reads <code>${reads}</code>` : ''}${info?.training ? ` · ${info.training}` : ''}${stage?.seconds !== undefined ? ` · ${formatDuration(stage.seconds)}` : ''}
    </p>
    ${stage?.error ? html`<pre class="error">${stage.error}</pre>` : ''}
    ${metrics.length ? html`<div class="chips">${metrics.map(([k, v]) => html`<span class="chip">${k} <b>${formatMetric(k, v)}</b></span>`)}</div>` : ''}
    ${curves.length ? html`<div class="charts">${curves}</div>` : stage?.cached ? html`<p class="note">Taken from the cache: no epochs were trained in this run.</p>` : stage?.status === 'finished' ? html`<p class="note">No per-epoch metrics were logged.</p>` : ''}
    ${files.figure ? pngFigure(files.figure, `${name}: ten test images, their codes and their reconstructions`, { pixelated: true }) : ''}
    ${files.confusion ? html`<div class="side">${pngFigure(files.confusion, `${name}: confusion matrix on the test split`, { scale: 2 })}${perClassTable(files)}</div>` : ''}
    ${otherPictures(name, info, files)} ${await analysesOf(run, name, info, pictures)}
  </div>`;
}

/** In words, what an autoencoder's analyses found; for a classifier on reconstructions, where it loses to the one on raw digits. */
async function analysesOf(
  run: RunFolder,
  name: string,
  info: StageInfo | undefined,
  pictures: Map<string, Buffer>,
): Promise<Html | string> {
  // A name from the run folder that is not a stage name has no folder to read (read.ts skips it too).
  if (!isStageName(name)) return '';
  if (info && stageType(info.config.type)?.analyses?.length) {
    const sentence = probeSentence(name, (await readAnalyses(stageDir(run.dir, name), false))?.record);
    return sentence ? html`<p>${sentence}</p>` : '';
  }
  const baseline = run.config ? reconstructionBaseline(run.config, name) : undefined;
  const raw = baseline ? run.files[baseline]?.predictions : undefined;
  const recon = run.files[name]?.predictions;
  if (!baseline || !raw || !recon || !info) return '';
  const pair = { raw: { name: baseline, predictions: raw }, recon: { name, predictions: recon } };
  const gallery = await galleryOf(run, info.reads.node, pair);
  if (gallery?.kind === 'figure')
    pictures.set(`${path.relative(run.dir, stageDir(run.dir, name))}/${GALLERY_FILE}`, gallery.png);
  return (await lossesSection(pair, gallery)) ?? '';
}

/** The gallery, when the autoencoder kept its test images (runs from before it did have none). */
async function galleryOf(run: RunFolder, autoencoder: string, pair: LossPair): Promise<Gallery | undefined> {
  const kept = await readTestImages(stageDir(run.dir, autoencoder));
  if (!kept.ok) return kept.why ? { kind: 'unreadable', why: kept.why } : undefined;
  return drawGallery(kept.value, { ...pair, autoencoder });
}

/** The pictures a stage's definition declares besides the figure and the confusion matrix. */
function otherPictures(name: string, info: StageInfo | undefined, files: StageFiles): Html[] {
  const declared = stageType(info?.config.type)?.report?.pictures ?? [];
  return declared.flatMap((p) => {
    const png = files.pictures?.[p.file];
    return png
      ? [
          pngFigure(png, `${name}: ${p.caption}`, {
            ...(p.pixelated ? { pixelated: true } : {}),
            ...(p.scale ? { scale: p.scale } : {}),
          }),
        ]
      : [];
  });
}

function perClassTable(files: StageFiles): Html {
  const rows = files.evaluation?.per_class;
  if (!rows?.length) return html``;
  const pct = (v: number | null | undefined) =>
    v === null || v === undefined || !Number.isFinite(v) ? '–' : `${(v * 100).toFixed(1)}%`;
  return html`<div>
    <h4 class="note">Per class on the test split</h4>
    ${table(
      [
        { label: 'Class', cell: (r: (typeof rows)[number]) => String(r.cls) },
        { label: 'Precision', num: true, cell: (r) => pct(r.precision) },
        { label: 'Recall', num: true, cell: (r) => pct(r.recall) },
        { label: 'F1', num: true, cell: (r) => pct(r.f1) },
        { label: 'Images', num: true, cell: (r) => String(r.support) },
      ],
      rows,
    )}
  </div>`;
}
