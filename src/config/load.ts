import path from 'node:path';
import { parse as parseYamlValue, type Document } from 'yaml';
import { error, hasErrors, sortDiagnostics, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { SourceText } from '../diagnostics/format.js';
import { rangeAt } from './locate.js';
import { parseYaml } from './parse.js';
import { experimentValidator } from './schema.js';
import { schemaDiagnostics } from './schema-errors.js';
import { semanticDiagnostics } from './semantic.js';
import { splitSettingPath, withSetting } from './settings.js';
import { readSource } from './source.js';
import type { ExperimentConfig } from './types.js';

/** A `--set key=value` from the command line; its text is its own little source file. */
export interface Override {
  readonly path: string;
  readonly value: unknown;
  readonly source: SourceText;
}

export function parseOverride(text: string, origin = '--set'): { ok: true; value: Override } | { ok: false; error: Diagnostic } {
  const source = new SourceText(origin, text);
  const eq = text.indexOf('=');
  if (eq <= 0) return { ok: false, error: error('expected `path.to.setting=value`', { file: origin, range: { start: 0, end: text.length } }) };
  try {
    return { ok: true, value: { path: text.slice(0, eq).trim(), value: parseYamlValue(text.slice(eq + 1)) as unknown, source } };
  } catch (e) {
    return { ok: false, error: error(`the value is not valid YAML: ${(e as Error).message.split('\n')[0]}`, { file: origin, range: { start: eq + 1, end: text.length } }) };
  }
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
}

export interface LoadOptions {
  readonly overrides?: readonly Override[];
  /** Relative data paths may not leave this folder (default: the current directory). */
  readonly projectDir?: string;
}

/**
 * Reads, parses and validates an experiment file: YAML syntax, the JSON schema, then the checks
 * the schema cannot express. Reports every problem at once; never trains or writes anything.
 */
export async function loadExperiment(file: string, options: LoadOptions = {}): Promise<LoadOutcome> {
  const sources = new Map<string, SourceText>();
  for (const o of options.overrides ?? []) sources.set(o.source.file, o.source);
  const read = await readSource(file);
  if (read.source) sources.set(file, read.source);
  if (!read.source || read.diagnostics.length) return { diagnostics: read.diagnostics, sources };

  const parsed = parseYaml(read.source);
  if (!parsed.parsed) return { diagnostics: sortDiagnostics(parsed.diagnostics), sources };
  const { doc } = parsed.parsed;
  let data = parsed.parsed.data;
  const diagnostics: Diagnostic[] = [];

  // Overrides are checked one by one against the file, so that a bad one is blamed on itself.
  const overridden = new Set<string>();
  for (const o of options.overrides ?? []) {
    const at: Location = { file: o.source.file, range: { start: 0, end: o.source.text.length } };
    const set = withSetting(data, o.path, o.value);
    if (!set.ok) {
      diagnostics.push(error(set.message, { file: at.file, range: { start: 0, end: o.path.length } }, set.hint ? { hint: set.hint } : {}));
      continue;
    }
    const own = settingErrors(set.value, o.path, at, doc);
    diagnostics.push(...own);
    if (own.length === 0) {
      data = set.value;
      overridden.add(o.path);
    }
  }

  const validate = experimentValidator();
  const valid = validate(data);
  if (!valid) {
    const errors = (validate.errors ?? []).filter((e) => ![...overridden].some((p) => e.instancePath.startsWith(`/${p.replace(/\./g, '/')}`)));
    diagnostics.push(...schemaDiagnostics(errors, doc, file));
  }
  const projectDir = options.projectDir ?? process.cwd();
  diagnostics.push(...semanticDiagnostics(data, { doc, file, projectDir }));
  diagnostics.push(...sweepDiagnostics(data, doc, file));

  const sorted = sortDiagnostics(diagnostics);
  if (hasErrors(sorted)) return { diagnostics: sorted, sources };
  return {
    experiment: { file: path.resolve(file), source: read.source, doc, config: data as ExperimentConfig, warnings: sorted },
    diagnostics: sorted,
    sources,
  };
}

/** Schema errors of `data` at or below a setting, located at `at` (the place that set it). */
function settingErrors(data: unknown, dotted: string, at: Location, doc: Document): Diagnostic[] {
  const copy = structuredClone(data);
  const validate = experimentValidator();
  if (validate(copy)) return [];
  const pointer = `/${splitSettingPath(dotted).join('/')}`;
  const own = (validate.errors ?? []).filter((e) => e.instancePath === pointer || e.instancePath.startsWith(`${pointer}/`) || (e.keyword === 'additionalProperties' && `${e.instancePath}/${String((e.params as { additionalProperty?: string }).additionalProperty)}` === pointer));
  return schemaDiagnostics(own, doc, at.file).map((d) => ({ ...d, location: at, message: d.message.replace(/^`[^`]+`/, `\`${dotted}\``) }));
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Each sweep key must name a setting, and each of its values must be valid for that setting. */
function sweepDiagnostics(data: unknown, doc: Document, file: string): Diagnostic[] {
  if (!isObject(data) || !isObject(data.sweep)) return [];
  const out: Diagnostic[] = [];
  const base = { ...data };
  delete base.sweep;
  const lists: [string, Json][] = [];
  for (const kind of ['grid', 'zip'] as const) if (isObject(data.sweep[kind])) lists.push([kind, data.sweep[kind] as Json]);
  for (const [kind, settings] of lists) {
    for (const [key, values] of Object.entries(settings)) {
      const keyAt: Location = { file, range: rangeAt(doc, ['sweep', kind, key], 'key') };
      if (!key.startsWith('stages.') && !key.startsWith('data.') && key !== 'seed') {
        out.push(error(`sweep key \`${key}\` names no setting: sweep keys start with \`stages.\`, \`data.\` or are \`seed\``, keyAt));
        continue;
      }
      if (!Array.isArray(values)) continue;
      values.forEach((value, i) => {
        const set = withSetting(base, key, value);
        if (!set.ok) {
          if (i === 0) out.push(error(set.message, keyAt, set.hint ? { hint: set.hint } : {}));
          return;
        }
        const at: Location = { file, range: rangeAt(doc, ['sweep', kind, key, i]) };
        const errs = settingErrors(set.value, key, at, doc);
        if (errs.length && errs[0]!.message.startsWith('unknown key')) {
          if (i === 0) out.push({ ...errs[0]!, message: `sweep key \`${key}\` names no setting`, location: keyAt });
          return;
        }
        out.push(...errs.map((d) => ({ ...d, message: `sweep value: ${d.message}` })));
      });
    }
    if (kind === 'zip') {
      const lengths = Object.values(settings).map((v) => (Array.isArray(v) ? v.length : 0));
      if (new Set(lengths).size > 1) out.push(error(`all lists under \`sweep.zip\` must have the same length (they are taken together); got ${lengths.join(', ')}`, { file, range: rangeAt(doc, ['sweep', 'zip'], 'key') }));
    }
  }
  if (isObject(data.sweep.random) && isObject(data.sweep.random.params)) {
    for (const key of Object.keys(data.sweep.random.params)) {
      const probe = withSetting(base, key, undefined);
      if (!probe.ok) out.push(error(probe.message, { file, range: rangeAt(doc, ['sweep', 'random', 'params', key], 'key') }, probe.hint ? { hint: probe.hint } : {}));
    }
  }
  return out;
}
