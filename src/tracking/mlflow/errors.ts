// Expected failures of the MLflow client are values, never exceptions: every public method
// returns a MlflowResult. An exception out of this module is a bug.

import type { Result } from '../../types/result.js';

export type { Result };
export { ok, fail as err } from '../../util/result.js';

/**
 * Why an MLflow call failed. `message` is always a complete sentence for a person (it names the
 * server and the operation); the other fields are for code that wants to react to the cause.
 * No variant ever carries credentials: messages are built without headers, URIs have their
 * user-info removed, and every message is scrubbed of the secret values before it leaves.
 */
export type MlflowError =
  /** The tracking URI itself cannot be used (not http(s), malformed). */
  | { readonly kind: 'bad-uri'; readonly message: string }
  /** Nothing answered (connection refused, DNS, timeout, reset), after all retries. */
  | { readonly kind: 'unreachable'; readonly message: string; readonly attempts: number }
  /** The server answered with an MLflow error body `{error_code, message}`. */
  | {
      readonly kind: 'api';
      readonly message: string;
      readonly status: number;
      readonly errorCode: string;
      readonly serverMessage: string;
    }
  /** The server answered with an error status and no MLflow error body (a proxy, a 401 page). */
  | { readonly kind: 'http'; readonly message: string; readonly status: number }
  /** The server answered 2xx with something that is not the JSON we expect. */
  | { readonly kind: 'bad-response'; readonly message: string }
  /** We refused to send a request because it would break a server limit (e.g. a key > 250 chars). */
  | { readonly kind: 'invalid-input'; readonly message: string }
  /** The server's state stands in the way, e.g. the experiment of that name is deleted. */
  | { readonly kind: 'conflict'; readonly message: string }
  /** The run's artifact_uri is not `mlflow-artifacts:`, so this client cannot upload to it. */
  | { readonly kind: 'unsupported-artifact-uri'; readonly message: string; readonly artifactUri: string }
  /** A local file could not be read (uploadDirectory). */
  | { readonly kind: 'local-io'; readonly message: string };

export type MlflowResult<T> = Result<T, MlflowError>;

/** The MLflow error code for "no such experiment / run"; getExperimentByName maps it to null. */
export const RESOURCE_DOES_NOT_EXIST = 'RESOURCE_DOES_NOT_EXIST';
export const RESOURCE_ALREADY_EXISTS = 'RESOURCE_ALREADY_EXISTS';

export function isApiError(e: MlflowError, code: string): e is Extract<MlflowError, { kind: 'api' }> {
  return e.kind === 'api' && e.errorCode === code;
}
