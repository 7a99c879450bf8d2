/**
 * Every stage type and every data source aelab knows. Validation, planning, `plan`, the report
 * and the run look a type up here; adding a type is adding its module to this list (and its
 * fragment to schemas/experiment.schema.json). Only definitions are loaded: no TensorFlow.js.
 */
import { autoencoder } from './autoencoder/definition.js';
import { classifier } from './classifier/definition.js';
import { idx } from './data/idx.js';
import { mnist } from './data/mnist.js';
import { url } from './data/url.js';
import type { DataSourceDefinition, StageDefinition } from './definition.js';
import { evaluate } from './evaluate/definition.js';
import { transform } from './transform/definition.js';

const STAGE_TYPES: Readonly<Record<string, StageDefinition>> = {
  autoencoder,
  classifier,
  transform,
  evaluate,
} as Record<string, StageDefinition>;

const DATA_SOURCES: Readonly<Record<string, DataSourceDefinition>> = { mnist, idx, url } as Record<
  string,
  DataSourceDefinition
>;

/** The definition of `type:`, or undefined for an unknown (or non-string) type. */
export function stageType(type: unknown): StageDefinition | undefined {
  return typeof type === 'string' && Object.hasOwn(STAGE_TYPES, type) ? STAGE_TYPES[type] : undefined;
}

/** The definition of a data set's `source:`, or undefined for an unknown one. */
export function dataSource(source: unknown): DataSourceDefinition | undefined {
  return typeof source === 'string' && Object.hasOwn(DATA_SOURCES, source) ? DATA_SOURCES[source] : undefined;
}
