import type { StageConfig } from '../config/types.js';
import { autoencoderStage } from './autoencoder.js';
import { classifierStage } from './classifier.js';
import { evaluateStage } from './evaluate.js';
import { transformStage } from './transform.js';
import type { StageKind } from './stage.js';

/** Every `type:` a stage can have, and what runs it. */
export const stageKinds: { [T in StageConfig['type']]: StageKind<Extract<StageConfig, { type: T }>> } = {
  autoencoder: autoencoderStage,
  classifier: classifierStage,
  transform: transformStage,
  evaluate: evaluateStage,
};
