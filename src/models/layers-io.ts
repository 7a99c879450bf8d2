/**
 * Saving and loading tf.LayersModel in the TensorFlow.js layers format (model.json + weights.bin)
 * with node:fs. tfjs' own `file://` handler lives in tfjs-node, which cannot be installed here,
 * so this is the same format written by hand through tf.io.withSaveHandler / tf.io.fromMemory.
 * A folder written here loads with tfjs-node's `tf.loadLayersModel('file://dir/model.json')`.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { writeFileAtomic } from '../util/atomic.js';
import type { Result } from '../types/result.js';

const MODEL_FILE = 'model.json';
const WEIGHTS_FILE = 'weights.bin';

/**
 * Saves `model` under `dir` (created if needed). Weights are written before model.json, so a
 * model.json on disk never points at weights that are not there yet.
 */
export async function saveLayersModel(model: tf.LayersModel, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData =
        artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      await writeFileAtomic(join(dir, WEIGHTS_FILE), new Uint8Array(weightData));
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology as object,
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version_layers}`,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
        ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
      };
      await writeFileAtomic(join(dir, MODEL_FILE), JSON.stringify(modelJson));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
}

/** Loads a model saved by saveLayersModel (or by tfjs-node's file:// handler). */
export async function loadLayersModel(dir: string): Promise<Result<tf.LayersModel>> {
  let modelJson: tf.io.ModelJSON;
  try {
    modelJson = JSON.parse(await readFile(join(dir, MODEL_FILE), 'utf8')) as tf.io.ModelJSON;
  } catch (e) {
    return { ok: false, error: `cannot read ${join(dir, MODEL_FILE)}: ${(e as Error).message}` };
  }
  if (
    typeof modelJson !== 'object' ||
    modelJson === null ||
    !modelJson.modelTopology ||
    !Array.isArray(modelJson.weightsManifest)
  ) {
    return {
      ok: false,
      error: `${join(dir, MODEL_FILE)} is not a TensorFlow.js layers model (no modelTopology or weightsManifest)`,
    };
  }
  const weightSpecs: tf.io.WeightsManifestEntry[] = [];
  const buffers: ArrayBuffer[] = [];
  for (const group of modelJson.weightsManifest) {
    weightSpecs.push(...group.weights);
    for (const p of group.paths) {
      try {
        const bytes = await readFile(join(dir, p));
        buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      } catch (e) {
        return { ok: false, error: `cannot read weights ${join(dir, p)}: ${(e as Error).message}` };
      }
    }
  }
  try {
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs,
        weightData: tf.io.CompositeArrayBuffer.join(buffers),
      }),
    );
    return { ok: true, value: model };
  } catch (e) {
    return { ok: false, error: `cannot build the model saved in ${dir}: ${(e as Error).message}` };
  }
}
