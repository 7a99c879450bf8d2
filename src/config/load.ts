import path from 'node:path';
import type { Document } from 'yaml';
import { error, hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { SourceText } from '../diagnostics/format.js';
import { inspectDataFiles } from './data-files.js';
import { parseYaml } from './parse.js';
import { experimentValidator } from './schema.js';
import { experimentErrors } from './registry-names.js';
import { schemaDiagnostics } from './schema-errors.js';
import { semanticDiagnostics, type SemanticContext } from './semantic.js';
import { settingErrors } from './setting-errors.js';
import { withSetting } from './settings.js';
import { MAX_FILE_BYTES, readSource, wholeFile } from './source.js';
import { sweepDiagnostics } from './sweep-checks.js';
import type { Result } from '../types/result.js';
import type { ExperimentConfig } from '../types/experiment-config.js';

/** A `--set key=value` from the command line; its text is its own little source file. */
export interface Override {
  readonly path: string;
  readonly value: unknown;
  readonly source: SourceText;
}

/**
 * Parses `path.to.setting=value`; the value is YAML (`5`, `adam`, `[8, 16]`). Custom tags and
 * aliases are refused here as in files.
 */
export function parseOverride(text: string, origin = '--set'): Result<Override, Diagnostic> {
  const source = new SourceText(origin, text);
  const eq = text.indexOf('=');
  const whole = { file: origin, range: { start: 0, end: text.length } };
  if (eq <= 0)
    return {
      ok: false,
      error: error(`expected \`path.to.setting=value\`, got \`${text}\``, whole, {
        hint: 'e.g. --set stages.ae.train.epochs=5',
      }),
    };
  const key = text.slice(0, eq).trim();
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/.test(key))
    return { ok: false, error: error(`\`${key}\` is not a setting path like \`stages.ae.latent\``, whole) };
  if (text.slice(eq + 1).trim() === '') return { ok: true, value: { path: key, value: null, source } };
  const parsed = parseYaml(new SourceText(origin, text.slice(eq + 1)));
  if (!parsed.parsed || parsed.diagnostics.length) {
    const first = parsed.diagnostics[0]!;
    return { ok: false, error: error(`the value of \`${key}\` is not valid: ${first.message}`, whole) };
  }
  return { ok: true, value: { path: key, value: parsed.parsed.data ?? null, source } };
}

export interface LoadedExperiment {
  readonly file: string;
  readonly source: SourceText;
  readonly doc: Document;
  /** Validated, with defaults filled in and overrides applied. */
  readonly config: ExperimentConfig;
  /** Warnings only: a file with errors does not load. */
  readonly warnings: Diagnostic[];
}

export interface LoadOutcome {
  readonly experiment?: LoadedExperiment;
  /** Every problem found, errors and warnings, sorted by position. */
  readonly diagnostics: Diagnostic[];
  /** Texts to print excerpts from: the file and each override. */
  readonly sources: Map<string, SourceText>;
  /** What was found past the first MAX_ERRORS errors: counted, not listed. */
  readonly omitted?: Omitted;
}

/** Diagnostics left out of a list: how many errors and warnings. */
export interface Omitted {
  readonly errors: number;
  readonly warnings: number;
}

/**
 * At most this many errors are listed a file: a file of 27,000 unknown keys (a pasted data dump)
 * needs its first mistakes fixed, not 27,000 excerpts, and listing them cost more than finding them.
 */
export const MAX_ERRORS = 100;

/** The diagnostics up to and with the MAX_ERRORS-th error, and the counts of the rest. */
function capped(sorted: Diagnostic[]): { diagnostics: Diagnostic[]; omitted?: Omitted } {
  let errors = 0;
  const cut = sorted.findIndex((d) => d.severity === 'error' && ++errors > MAX_ERRORS);
  if (cut < 0) return { diagnostics: sorted };
  const rest = sorted.slice(cut);
  const restErrors = rest.filter((d) => d.severity === 'error').length;
  return { diagnostics: sorted.slice(0, cut), omitted: { errors: restErrors, warnings: rest.length - restErrors } };
}

export interface LoadOptions {
  readonly overrides?: readonly Override[];
  /**
   * Checked like overrides, after them, and blamed on themselves, but left out of the loaded
   * config: each value of a `--sweep` is checked this way while the file's own value stands.
   */
  readonly checks?: readonly Override[];
  /** Relative data paths may not leave this folder (default: the current directory). */
  readonly projectDir?: string;
  /** Refuse experiments estimated to need more memory than this (default 16 GiB). */
  readonly memoryLimit?: number;
}

/**
 * Reads, parses and validates an experiment file: YAML syntax, the JSON schema, then the checks
 * the schema cannot express. Reports every problem at once; never trains or writes anything.
 */
export async function loadExperiment(file: string, options: LoadOptions = {}): Promise<LoadOutcome> {
  const sources = new Map<string, SourceText>();
  for (const o of [...(options.overrides ?? []), ...(options.checks ?? [])]) sources.set(o.source.file, o.source);
  const read = await readSource(file);
  if (read.source) sources.set(file, read.source);
  if (!read.source || read.diagnostics.length) return { diagnostics: read.diagnostics, sources };
  return loadSource(read.source, sources, options);
}

/**
 * Validates an experiment that did not come from a file of the user's (a queued job's config, a
 * run folder's config.json) with exactly the checks of a file: `text` is its YAML or JSON, and
 * `file` says where relative data paths start and what messages name.
 */
export function loadExperimentText(file: string, text: string, options: LoadOptions = {}): Promise<LoadOutcome> {
  const sources = new Map<string, SourceText>();
  for (const o of [...(options.overrides ?? []), ...(options.checks ?? [])]) sources.set(o.source.file, o.source);
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_FILE_BYTES)
    return Promise.resolve({
      diagnostics: [
        error(
          `the experiment is ${bytes} bytes; experiments are limited to ${MAX_FILE_BYTES / 1024} KiB`,
          wholeFile(file),
        ),
      ],
      sources,
    });
  const source = new SourceText(file, text);
  sources.set(file, source);
  return loadSource(source, sources, options);
}

async function loadSource(
  source: SourceText,
  sources: Map<string, SourceText>,
  options: LoadOptions,
): Promise<LoadOutcome> {
  const file = source.file;
  const parsed = parseYaml(source);
  if (!parsed.parsed) return { diagnostics: sortDiagnostics(parsed.diagnostics), sources };
  const { doc } = parsed.parsed;
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];

  // Defaults first (on a copy), so that `--set stages.ae.train.epochs=5` works on a stage that
  // leaves `train:` out; then the overrides, each checked on its own so that a bad one is blamed
  // on itself; then the whole.
  const validate = experimentValidator();
  let data = structuredClone(parsed.parsed.data);
  validate(data);
  const overridden: string[] = [];
  const overrides = options.overrides ?? [];
  // The config as the file and its overrides make it, before the checks are applied.
  let unchecked: unknown = data;
  for (const [i, o] of [...overrides, ...(options.checks ?? [])].entries()) {
    if (i === overrides.length) unchecked = structuredClone(data);
    const at = { file: o.source.file, range: { start: 0, end: o.source.text.length } };
    const set = withSetting(data, o.path, o.value);
    if (!set.ok) {
      diagnostics.push(
        error(
          set.message,
          { file: at.file, range: { start: 0, end: o.path.length } },
          set.hint ? { hint: set.hint } : {},
        ),
      );
      continue;
    }
    const own = settingErrors(set.value, o.path, at, doc);
    diagnostics.push(...own);
    if (own.length === 0) {
      data = set.value;
      overridden.push(`/${o.path.replace(/\./g, '/')}`);
    }
  }

  const errors = experimentErrors(data).filter(
    (e) => !overridden.some((p) => e.instancePath === p || e.instancePath.startsWith(`${p}/`)),
  );
  diagnostics.push(...schemaDiagnostics(errors, doc, file));
  const projectDir = options.projectDir ?? process.cwd();
  const files = await inspectDataFiles(data, { doc, file, projectDir });
  diagnostics.push(...files.diagnostics);
  const ctx: SemanticContext = {
    doc,
    file,
    projectDir,
    datasets: files.datasets,
    ...(options.memoryLimit ? { memoryLimit: options.memoryLimit } : {}),
  };
  diagnostics.push(...semanticDiagnostics(data, ctx));
  diagnostics.push(...sweepDiagnostics(data, ctx));

  const sorted = sortDiagnostics(dedupe(diagnostics));
  if (hasErrors(sorted)) return { ...capped(sorted), sources };
  // Without checks the validated data is the config; with them, the config before them gets its defaults.
  const config = options.checks?.length ? unchecked : data;
  if (config !== data) validate(config);
  return {
    experiment: {
      file: path.resolve(file),
      source,
      doc,
      config: config as ExperimentConfig,
      warnings: sorted,
    },
    diagnostics: sorted,
    sources,
  };
}

/** The same message at the same spot, found by two checks, is said once. */
function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.location?.file}:${d.location?.range.start}:${d.severity}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
