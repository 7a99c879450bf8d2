/**
 * Every stage type and every data source aelab knows. Validation, planning, `plan`, the report,
 * the cache, the sweep's objective and the run look a type up here; adding a type is adding its
 * module to this list (and its fragment to schemas/experiment.schema.json), or registering it
 * with `registerStageType`. Only definitions are loaded: no TensorFlow.js.
 */
import { autoencoder } from './autoencoder/definition.js';
import { classifier } from './classifier/definition.js';
import { idx } from './data/idx.js';
import { mnist } from './data/mnist.js';
import { url } from './data/url.js';
import type { AnyStageConfig, DataSourceDefinition, StageDefinition } from './definition.js';
import { evaluate } from './evaluate/definition.js';
import { transform } from './transform/definition.js';

const STAGE_TYPES: Record<string, StageDefinition> = {
  autoencoder,
  classifier,
  transform,
  evaluate,
} as Record<string, StageDefinition>;

const DATA_SOURCES: Readonly<Record<string, DataSourceDefinition>> = { mnist, idx, url } as Record<
  string,
  DataSourceDefinition
>;

/** Modules that registered a stage type, so that a trial's child process loads them too. */
const REGISTERED_MODULES: string[] = [];

/**
 * Adds a stage type defined outside this list. `module` is the URL of the module that calls this
 * (its `import.meta.url`): a trial's own process imports it before running, so that the type is
 * known there too. A type already known is refused.
 */
export function registerStageType<C extends AnyStageConfig>(definition: StageDefinition<C>, module: string): void {
  const known = STAGE_TYPES[definition.type];
  if (known === (definition as unknown)) return;
  if (known) throw new Error(`stage type ${definition.type} is already defined`);
  STAGE_TYPES[definition.type] = definition as unknown as StageDefinition;
  if (!REGISTERED_MODULES.includes(module)) REGISTERED_MODULES.push(module);
}

/** The modules that registered stage types, for a trial's process to import. */
export const registeredStageModules = (): readonly string[] => [...REGISTERED_MODULES];

/** The definition of `type:`, or undefined for an unknown (or non-string) type. */
export function stageType(type: unknown): StageDefinition | undefined {
  return typeof type === 'string' && Object.hasOwn(STAGE_TYPES, type) ? STAGE_TYPES[type] : undefined;
}

/** The definition of a data set's `source:`, or undefined for an unknown one. */
export function dataSource(source: unknown): DataSourceDefinition | undefined {
  return typeof source === 'string' && Object.hasOwn(DATA_SOURCES, source) ? DATA_SOURCES[source] : undefined;
}
