/**
 * The names the registries own rather than the schema: a stage's `type` is a stage type the
 * registry knows (built in or registered), and a setting its definition lists in `named` (an
 * autoencoder's `variant`) is a name its table holds. The schema leaves these open so that a
 * registered type or variant needs no schema edit; they are checked here and reported as the
 * schema's own `enum` errors, so a wrong name reads the same as any other wrong choice: the
 * names there are, and the nearest one.
 */
import { stageType, stageTypeNames } from '../stages/registry.js';
import { has, isObject } from '../util/json.js';
import { experimentValidator, type SchemaError } from './schema.js';

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function enumError(path: readonly string[], data: unknown, allowedValues: readonly string[]): SchemaError {
  return {
    keyword: 'enum',
    instancePath: `/${path.map(escapePointer).join('/')}`,
    schemaPath: '#/registry',
    params: { allowedValues },
    message: 'must be equal to one of the allowed values',
    data,
  };
}

/** Each stage's `type`, and the settings its definition names, against what the registries hold. */
export function registryNameErrors(data: unknown): SchemaError[] {
  if (!isObject(data) || !isObject(data.stages)) return [];
  const out: SchemaError[] = [];
  for (const [name, stage] of Object.entries(data.stages)) {
    if (!isObject(stage) || !has(stage, 'type')) continue; // not a map, or no type: the schema says so
    const definition = stageType(stage.type);
    if (!definition) {
      out.push(enumError(['stages', name, 'type'], stage.type, stageTypeNames()));
      continue;
    }
    for (const [key, names] of Object.entries(definition.named ?? {})) {
      if (has(stage, key) && !names().includes(stage[key] as string))
        out.push(enumError(['stages', name, key], stage[key], names()));
    }
  }
  return out;
}

/** The names a missing key could take when a registry decides them: a stage's `type`. */
export function registryNamesAt(path: readonly (string | number)[]): readonly string[] | undefined {
  return path.length === 3 && path[0] === 'stages' && path[2] === 'type' ? stageTypeNames() : undefined;
}

/**
 * Everything the schema and the registries find wrong with `data` (filling in the schema's
 * defaults on it, as the validator does).
 */
export function experimentErrors(data: unknown): SchemaError[] {
  const validate = experimentValidator();
  const schema = validate(data) ? [] : [...(validate.errors ?? [])];
  return [...schema, ...registryNameErrors(data)];
}
