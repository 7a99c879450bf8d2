// Credentials, read the way the MLflow Python client reads them. They live only in the
// Authorization header; `scrub` removes them from any text that might reach a person.

export interface Credentials {
  /** The Authorization header value, or undefined for an open server. */
  readonly header?: string;
  /** Every string that must never appear in a message (password, token, encoded header). */
  readonly secrets: readonly string[];
}

/**
 * MLFLOW_TRACKING_TOKEN (bearer) wins over MLFLOW_TRACKING_USERNAME + MLFLOW_TRACKING_PASSWORD
 * (basic), as in MLflow's own client; credentials written in the URI come last.
 */
export function readCredentials(env: NodeJS.ProcessEnv, fromUri?: { username: string; password: string }): Credentials {
  const token = env.MLFLOW_TRACKING_TOKEN;
  if (token) return { header: `Bearer ${token}`, secrets: [token] };
  const username = env.MLFLOW_TRACKING_USERNAME;
  const password = env.MLFLOW_TRACKING_PASSWORD;
  if (username && password) return basic(username, password);
  if (fromUri) return basic(fromUri.username, fromUri.password);
  return { secrets: [] };
}

function basic(username: string, password: string): Credentials {
  const encoded = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
  // The user name is not a secret, but the password is, and so is the encoded pair.
  return { header: `Basic ${encoded}`, secrets: [password, encoded].filter((s) => s.length > 0) };
}

/** Replaces every secret in `text` with ***; longest first so no fragment is left. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
    // Even a short secret is replaced: a shredded message is better than a leaked password.
    if (s.length === 0) continue;
    out = out.split(s).join('***');
  }
  return out;
}
