import type { Document } from 'yaml';
import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { closest, didYouMean, listOf } from '../diagnostics/suggest.js';
import { pointerSegments, rangeAt } from './locate.js';
import { registryNamesAt } from './registry-names.js';
import type { SchemaError } from './schema.js';

/** `stages.ae.train` for a path, as a person would name the setting. */
export function dotted(path: readonly (string | number)[]): string {
  // Sweep keys are dotted paths themselves: `sweep.grid["stages.ae.latent"][1]` keeps them whole.
  return path
    .map((p, i) =>
      /^\d+$/.test(String(p)) && i > 0 ? `[${p}]` : String(p).includes('.') ? `["${p}"]` : i > 0 ? `.${p}` : String(p),
    )
    .join('')
    .replace(/^\./, '');
}

function describeValue(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `the string "${value.length > 40 ? value.slice(0, 37) + '...' : value}"`;
  if (typeof value === 'number') return Number.isInteger(value) ? `the integer ${value}` : `the number ${value}`;
  return `${typeof value} ${String(value)}`;
}

const TYPE_NAMES: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'a map of keys to values',
  array: 'a list',
};

/** Plain words for the patterns in the schema, by the definition they come from. */
function patternMeaning(schemaPath: string): string {
  if (schemaPath.includes('/identifier/')) return 'a name of letters, digits and underscores that starts with a letter';
  if (schemaPath.includes('/reference/')) return 'a data set name or a stage output such as `ae.reconstructions`';
  if (schemaPath.includes('/properties/name/'))
    return 'a name of letters, digits, `_`, `.` and `-` that starts with a letter or digit';
  if (schemaPath.includes('sha256')) return 'a sha256 sum (64 lowercase hex digits)';
  if (schemaPath.includes('uri') || schemaPath.includes('url')) return 'an http:// or https:// URL';
  return 'the expected format';
}

/**
 * Turns ajv's errors into located diagnostics: a wrong value points at the value, an unknown key
 * at the key (with the nearest allowed key), a missing key at the map that lacks it.
 */
export function schemaDiagnostics(errors: readonly SchemaError[], doc: Document, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const push = (d: Diagnostic) => {
    const k = `${d.location?.range.start}:${d.message}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(d);
    }
  };
  const namesFailed = new Set(
    errors
      .filter((e) => e.keyword === 'propertyNames')
      .map((e) => `${e.instancePath}:${String((e.params as { propertyName?: string }).propertyName)}`),
  );
  // `stagse:` is one mistake: the unknown key says "did you mean `stages`?", so the missing
  // `stages` is not reported again.
  const misspelled = new Set(
    errors
      .filter((e) => e.keyword === 'additionalProperties')
      .map((e) => {
        const allowed = Object.keys(((e.parentSchema as { properties?: object }).properties ?? {}) as object);
        return `${e.instancePath}/${closest(String((e.params as { additionalProperty?: string }).additionalProperty), allowed) ?? ''}`;
      }),
  );
  for (const e of errors) {
    const path = pointerSegments(e.instancePath);
    const name = path.length ? `\`${dotted(path)}\`` : 'the experiment';
    const at = (p: readonly (string | number)[], target: 'key' | 'value' = 'value') => ({
      file,
      range: rangeAt(doc, p, target),
    });
    const params = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case 'if':
      case 'const': // the discriminator of an if/then branch: the `enum` on it already speaks
        break;
      case 'additionalProperties': {
        const key = String(params.additionalProperty);
        const allowed = Object.keys(((e.parentSchema as { properties?: object }).properties ?? {}) as object);
        const hint = didYouMean(key, allowed);
        push(
          error(`unknown key \`${key}\` in ${name}`, at([...path, key], 'key'), {
            hint: hint ?? `allowed keys: ${listOf(allowed)}`,
          }),
        );
        break;
      }
      case 'required': {
        const key = String(params.missingProperty);
        if (misspelled.has(`${e.instancePath}/${key}`)) break;
        const property = ((e.parentSchema as { properties?: Record<string, { enum?: unknown[] }> }).properties ?? {})[
          key
        ];
        const names = property?.enum ?? registryNamesAt([...path, key]);
        const hint = names?.length ? `add \`${key}: ${String(names[0])}\` (or ${listOf(names.slice(1))})` : undefined;
        push(error(`${name} is missing the required key \`${key}\``, at(path, 'key'), hint ? { hint } : {}));
        break;
      }
      case 'enum': {
        const allowed = (params.allowedValues as unknown[]) ?? [];
        const hint = typeof e.data === 'string' ? didYouMean(e.data, allowed.map(String)) : undefined;
        push(
          error(
            `${name} must be one of ${listOf(allowed)}, not ${describeValue(e.data)}`,
            at(path),
            hint ? { hint } : {},
          ),
        );
        break;
      }
      case 'type': {
        const expected = String(params.type)
          .split(',')
          .map((t) => TYPE_NAMES[t] ?? t)
          .join(' or ');
        push(error(`${name} must be ${expected}, not ${describeValue(e.data)}`, at(path)));
        break;
      }
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum': {
        const op = {
          minimum: 'at least',
          maximum: 'at most',
          exclusiveMinimum: 'greater than',
          exclusiveMaximum: 'less than',
        }[e.keyword];
        push(error(`${name} must be ${op} ${String(params.limit)}, not ${String(e.data)}`, at(path)));
        break;
      }
      case 'minItems':
      case 'maxItems':
        push(
          error(
            `${name} must have ${e.keyword === 'minItems' ? 'at least' : 'at most'} ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`,
            at(path),
          ),
        );
        break;
      case 'minProperties':
      case 'maxProperties': {
        const choices = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
        const hint =
          e.keyword === 'maxProperties' && params.limit === 1 && choices.length
            ? { hint: `give just one of ${listOf(choices)}` }
            : {};
        push(
          error(
            `${name} must have ${e.keyword === 'minProperties' ? 'at least' : 'at most'} ${String(params.limit)} entr${params.limit === 1 ? 'y' : 'ies'}`,
            at(path),
            hint,
          ),
        );
        break;
      }
      case 'minLength':
      case 'maxLength':
        push(
          error(
            `${name} must be ${e.keyword === 'minLength' ? 'at least' : 'at most'} ${String(params.limit)} characters long`,
            at(path),
          ),
        );
        break;
      case 'pattern':
        // A malformed `input:` is also an unknown reference, which semantic.ts explains with a
        // "did you mean" from the names that exist: say it once, there.
        if (e.schemaPath.includes('/reference/')) break;
        // A bad key name fails the pattern (reported at the map) and then `propertyNames`: say it once.
        if (e.schemaPath.includes('/propertyNames/') || namesFailed.has(`${e.instancePath}:${String(e.data)}`)) break;
        push(error(`${name} must be ${patternMeaning(e.schemaPath)}, not ${describeValue(e.data)}`, at(path)));
        break;
      case 'propertyNames': {
        const key = String(params.propertyName);
        push(
          error(
            `\`${key}\` is not a valid name in ${name}: use letters, digits and underscores, starting with a letter`,
            at([...path, key], 'key'),
          ),
        );
        break;
      }
      default:
        push(error(`${name} ${e.message ?? 'is invalid'}`, at(path)));
    }
  }
  return out;
}
