// Where the tracking server is, and how to present it in messages without leaking secrets.

import { hasCredentials, MLFLOW_CREDENTIALS_HINT } from '../../util/url-credentials.js';
import { err, ok, type MlflowResult } from './errors.js';

export type TrackingUriSource = 'cli' | 'config' | 'env';

const blank = (s: string | undefined): s is undefined => s === undefined || s.trim() === '';

/**
 * The tracking URI to use, or null when MLflow tracking is not configured at all.
 * Precedence: the CLI flag, then `tracking.mlflow.uri` from the experiment file, then
 * MLFLOW_TRACKING_URI. Blank strings count as unset. Only http(s) URIs are accepted: MLflow's
 * other schemes (file:, sqlite:, databricks) need the Python client, not a REST server.
 */
export function resolveTrackingUri(
  configUri: string | undefined,
  cliUri: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): MlflowResult<{ uri: string; source: TrackingUriSource } | null> {
  const candidates: Array<[string | undefined, TrackingUriSource]> = [
    [cliUri, 'cli'],
    [configUri, 'config'],
    [env.MLFLOW_TRACKING_URI, 'env'],
  ];
  for (const [uri, source] of candidates) {
    if (blank(uri)) continue;
    if (hasCredentials(uri)) {
      const where = { cli: '--mlflow', config: 'tracking.mlflow.uri', env: 'MLFLOW_TRACKING_URI' }[source];
      return err({
        kind: 'bad-uri',
        message: `the MLflow tracking URI of ${where} (${redactUserInfo(uri.trim())}) holds credentials: ${MLFLOW_CREDENTIALS_HINT}`,
      });
    }
    const parsed = parseTrackingUri(uri.trim());
    if (!parsed.ok) return parsed;
    return ok({ uri: parsed.value.display, source });
  }
  return ok(null);
}

export interface ParsedTrackingUri {
  /** scheme://host[:port][/prefix] with no trailing slash and no user-info: safe to print. */
  readonly display: string;
  /** Basic credentials written into the URI (http://user:pass@host), if any. */
  readonly userInfo?: { readonly username: string; readonly password: string };
}

export function parseTrackingUri(uri: string): MlflowResult<ParsedTrackingUri> {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return err({
      kind: 'bad-uri',
      message: `MLflow tracking URI '${redactUserInfo(uri)}' is not a valid URL; expected e.g. http://127.0.0.1:5000`,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return err({
      kind: 'bad-uri',
      message:
        `MLflow tracking URI '${redactUserInfo(uri)}' uses '${url.protocol}', but aelab talks to an MLflow ` +
        'tracking server over http(s); start one with `mlflow server` and give its http:// address',
    });
  }
  // fetch refuses URLs with credentials in them, so they move into an Authorization header.
  let userInfo: { username: string; password: string } | undefined;
  try {
    userInfo =
      url.username !== ''
        ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) }
        : undefined;
  } catch {
    return err({
      kind: 'bad-uri',
      message: `MLflow tracking URI '${redactUserInfo(uri)}' has a malformed %-escape in its user name or password`,
    });
  }
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  const display = url.toString().replace(/\/+$/, '');
  return ok(userInfo ? { display, userInfo } : { display });
}

/** `http://user:pw@host` -> `http://***@host`, for URIs we could not even parse. */
export function redactUserInfo(s: string): string {
  return s.replace(/(\/\/)[^/@\s]*@/g, '$1***@');
}
