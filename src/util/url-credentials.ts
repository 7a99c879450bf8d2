/**
 * Credentials written into a URL travel with everything that stores the URL (config.json,
 * params.json, the report, MLflow's params) and show in `ps`. aelab takes MLflow credentials only
 * from the environment; these say whether a URL carries some, and what to do instead.
 */

/** Whether `text` is a URL with a user name or password in it (`http://alice:pw@host`). */
export function hasCredentials(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return url.username !== '' || url.password !== '';
  } catch {
    // Not a URL at all; still, `scheme://user:pw@host` must not be taken for harmless.
    return /^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]*@/i.test(text.trim());
  }
}

export const MLFLOW_CREDENTIALS_HINT =
  'give the credentials in MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD (or MLFLOW_TRACKING_TOKEN) instead; a URL is stored with every run';
