import type { Document } from 'yaml';
import type { Diagnostic, Location } from '../diagnostics/diagnostic.js';
import { experimentErrors } from './registry-names.js';
import { schemaDiagnostics } from './schema-errors.js';
import { splitSettingPath } from './settings.js';

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Schema errors of `data` at or below one setting, all located at `at` (the `--set` or sweep
 * value that put it there), so that a bad override is blamed on itself, not on the file.
 */
export function settingErrors(data: unknown, dotted: string, at: Location, doc: Document): Diagnostic[] {
  const copy = structuredClone(data);
  const errors = experimentErrors(copy);
  if (!errors.length) return [];
  const pointer = `/${splitSettingPath(dotted).map(escapePointer).join('/')}`;
  const within = (p: string) => p === pointer || p.startsWith(`${pointer}/`) || pointer.startsWith(`${p}/`);
  const own = errors.filter((e) => {
    if (e.keyword === 'additionalProperties')
      return within(
        `${e.instancePath}/${escapePointer(String((e.params as { additionalProperty?: string }).additionalProperty))}`,
      );
    return e.instancePath === pointer || e.instancePath.startsWith(`${pointer}/`);
  });
  return schemaDiagnostics(own, doc, at.file).map((d) => ({ ...d, location: at }));
}
