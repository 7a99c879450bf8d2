// The MLflow client's public surface; import from here, not from the files behind it.
export { MlflowClient, type MlflowClientOptions, type ArtifactRunRef, type SearchRunsOptions } from './client.js';
export { resolveTrackingUri, type TrackingUriSource } from './uri.js';
export {
  ok,
  err,
  isApiError,
  RESOURCE_ALREADY_EXISTS,
  RESOURCE_DOES_NOT_EXIST,
  type MlflowError,
  type MlflowResult,
  type Result,
} from './errors.js';
export { LOG_BATCH_LIMITS, planBatches, type BatchInput } from './batch.js';
export type { RetryOptions } from './http.js';
export * from './types.js';
