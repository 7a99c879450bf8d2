/** The parts every report shares: the page shell, the heading, tables, the config and the environment. */
import { Document, isMap, isScalar, isSeq, visit } from 'yaml';
import type { EnvironmentInfo } from '../types/run-events.js';
import type { RunRecord } from '../run-store/index.js';
import { formatDate, formatDuration } from './format.js';
import { dataUri, html, raw, type Html } from './html.js';
import { STYLE } from './style.js';

/**
 * The whole page. The Content-Security-Policy lets the page load nothing but its own inline style
 * and data: images, and run no script at all: the report works offline, and a name that slipped
 * through escaping still could not execute.
 */
export function page(title: string, body: Html): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta
          http-equiv="Content-Security-Policy"
          content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"
        />
        <meta name="generator" content="aelab" />
        <title>${title}</title>
        <style>
          ${raw(STYLE)}
        </style>
      </head>
      <body>
        ${body}
      </body>
    </html> `.text;
}

export const badge = (status: string): Html =>
  html`<span class="badge ${status.replace(/[^a-z]/g, '')}">${status}</span>`;

export interface Fact {
  readonly label: string;
  readonly value: Html | string;
}

export function heading(
  kicker: string,
  record: RunRecord,
  description: string | undefined,
  facts: readonly Fact[],
  toc: readonly [string, string][],
): Html {
  return html`<header class="top">
    <div class="inner">
      <div class="kicker">${kicker}</div>
      <h1>${record.name}${badge(record.status)}</h1>
      ${description ? html`<p class="description">${description}</p>` : ''}
      <dl class="facts">
        ${facts.map(
          (f) =>
            html`<div>
              <dt>${f.label}</dt>
              <dd>${f.value}</dd>
            </div>`,
        )}
      </dl>
      <nav class="toc">${toc.map(([id, label]) => html`<a href="#${id}">${label}</a>`)}</nav>
    </div>
  </header>`;
}

/** Started, duration, backend, seed and id: the facts under every heading. */
export function runFacts(record: RunRecord): Fact[] {
  return [
    { label: 'Started', value: formatDate(record.start_time) },
    { label: 'Duration', value: formatDuration(record.duration_s ?? elapsed(record)) },
    { label: 'Backend', value: record.environment?.backend ?? '–' },
    { label: 'Seed', value: String(record.seed) },
    { label: 'Run', value: html`<span class="mono">${record.id}</span>` },
  ];
}

function elapsed(record: RunRecord): number | undefined {
  const start = Date.parse(record.start_time);
  const end = record.end_time ? Date.parse(record.end_time) : NaN;
  return Number.isFinite(start) && Number.isFinite(end) ? (end - start) / 1000 : undefined;
}

export interface Column<R> {
  readonly label: string;
  readonly num?: boolean;
  readonly cell: (row: R) => Html | string;
}

export function table<R>(
  columns: readonly Column<R>[],
  rows: readonly R[],
  rowClass: (row: R) => string = () => '',
): Html {
  return html`<div class="table-wrap">
    <table>
      <thead>
        <tr>
          ${columns.map((c) => html`<th${c.num ? raw(' class="num"') : ''}>${c.label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map((r) => {
          const cls = rowClass(r);
          return html`<tr${cls ? html` class="${cls}"` : ''}>${columns.map((c) => html`<td${c.num ? raw(' class="num"') : ''}>${c.cell(r)}</td>`)}</tr>\n`;
        })}
      </tbody>
    </table>
  </div>`;
}

/** The resolved config as YAML: what the run really used, defaults filled in. */
export function configSection(config: unknown, note: string): Html {
  if (config === undefined)
    return html`<section id="config">
      <h2>Configuration</h2>
      <p class="note">config.json is missing or unreadable.</p>
    </section>`;
  return html`<section id="config">
    <h2>Configuration</h2>
    <p class="note">${note}</p>
    <pre>${compactYaml(config)}</pre>
  </section>`;
}

/** YAML as a person writes it: short lists and small flat maps on one line ({ name: adam, learning_rate: 0.001 }). */
export function compactYaml(value: unknown): string {
  const doc = new Document(value);
  visit(doc, {
    Seq(_, node) {
      if (node.items.every((i) => isScalar(i))) node.flow = true;
    },
    Map(_, node) {
      if (
        node.items.length <= 4 &&
        node.items.every((p) => isScalar(p.value) || (isSeq(p.value) && p.value.items.every((i) => isScalar(i))))
      )
        node.flow = true;
    },
  });
  // The top level stays in block style, whatever its size.
  if (isMap(doc.contents)) doc.contents.flow = false;
  return doc.toString({ lineWidth: 110 }).trimEnd();
}

export function environmentSection(env: EnvironmentInfo | undefined, extra: readonly Fact[] = []): Html {
  const rows: Fact[] = [
    ...(env
      ? [
          {
            label: 'Backend',
            value:
              env.threads === undefined
                ? env.backend
                : `${env.backend}, ${env.threads} thread${env.threads === 1 ? '' : 's'}`,
          },
          { label: 'aelab', value: env.aelab },
          { label: 'TensorFlow.js', value: env.tfjs },
          { label: 'Node', value: env.node },
          { label: 'Platform', value: env.platform },
          { label: 'Host', value: env.hostname },
          ...(env.gitCommit ? [{ label: 'Git commit', value: html`<span class="mono">${env.gitCommit}</span>` }] : []),
        ]
      : []),
    ...extra,
  ];
  if (rows.length === 0) return html``;
  return html`<section id="environment">
    <h2>Environment</h2>
    <dl class="grid">
      ${rows.map(
        (f) =>
          html`<dt>${f.label}</dt>
            <dd>${f.value}</dd>`,
      )}
    </dl>
  </section>`;
}

export function footer(what: string): Html {
  return html`<footer>
    ${what} written by aelab on ${formatDate(new Date().toISOString())}. Everything on this page is inside this one
    file.
  </footer>`;
}

/** Width and height of a PNG from its header, to size it in CSS pixels without loading it. */
export function pngSize(png: Uint8Array): { width: number; height: number } | undefined {
  if (png.length < 24 || png[1] !== 0x50 || png[2] !== 0x4e || png[3] !== 0x47) return undefined;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** A PNG as a data: URI in a figure, shown at `scale` image pixels to one CSS pixel (charts are drawn at 2x). */
export function pngFigure(png: Uint8Array, caption: string, opts: { pixelated?: boolean; scale?: number } = {}): Html {
  const scale = opts.scale ?? 1;
  const size = pngSize(png);
  const dims = size ? html` width="${Math.round(size.width / scale)}" height="${Math.round(size.height / scale)}"` : '';
  return html`<figure><img${opts.pixelated ? raw(' class="pixels"') : ''} src="${dataUri('image/png', png)}" alt="${caption}"${dims}><figcaption>${caption}</figcaption></figure>`;
}
