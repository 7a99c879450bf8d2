/**
 * Where the queue is: a `redis://` or `rediss://` (TLS) URL. Credentials come only from the URL
 * (`redis://:PASS@HOST:PORT`, `redis://USER:PASS@HOST`) or the environment (AELAB_REDIS_PASSWORD,
 * AELAB_REDIS_USERNAME), never from a file aelab writes; what aelab stores or prints is the URL
 * without them (`display`), and every message that leaves the queue code goes through `redact`.
 */

/** The whole URL when neither --queue nor the experiment file gives one. */
export const QUEUE_ENV = 'AELAB_QUEUE';
export const PASSWORD_ENV = 'AELAB_REDIS_PASSWORD';
export const USERNAME_ENV = 'AELAB_REDIS_USERNAME';

export interface QueueAddress {
  readonly host: string;
  readonly port: number;
  readonly db: number;
  readonly tls: boolean;
  readonly username?: string;
  readonly password?: string;
  /** The URL without credentials: safe to print and to store with a sweep. */
  readonly display: string;
}

export type QueueAddressResult =
  { readonly ok: true; readonly value: QueueAddress } | { readonly ok: false; readonly error: string };

/**
 * Parses a queue URL. The error never repeats the URL as typed (it may hold a password): it
 * names the part that is wrong.
 */
export function parseQueueUrl(text: string, env: NodeJS.ProcessEnv = process.env): QueueAddressResult {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, error: 'the queue must be a URL such as redis://HOST:6379 (or rediss://HOST:6380 for TLS)' };
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    return { ok: false, error: `the queue URL must start with redis:// or rediss://, not ${url.protocol}//` };
  }
  if (!url.hostname) return { ok: false, error: 'the queue URL has no host (redis://HOST:PORT)' };
  const tls = url.protocol === 'rediss:';
  const port = url.port === '' ? 6379 : Number(url.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    return { ok: false, error: 'the queue URL has an invalid port' };
  const dbText = url.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0)
    return { ok: false, error: 'the queue URL path must be a database number (redis://HOST:PORT/0)' };
  let username: string | undefined;
  let password: string | undefined;
  try {
    username = decodeURIComponent(url.username) || env[USERNAME_ENV] || undefined;
    password = decodeURIComponent(url.password) || env[PASSWORD_ENV] || undefined;
  } catch {
    return {
      ok: false,
      error: `the queue URL's user name or password has a malformed %-escape (a % must be followed by two hex digits: write %25 for %); or give the password in ${PASSWORD_ENV}`,
    };
  }
  const host = url.hostname;
  const display = `${url.protocol}//${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}${db ? `/${db}` : ''}`;
  return {
    ok: true,
    value: {
      host: host.replace(/^\[|\]$/g, ''),
      port,
      db,
      tls,
      ...(username ? { username } : {}),
      ...(password ? { password } : {}),
      display,
    },
  };
}

/** Replaces every secret of the address (and the URL as typed, if given) in a message. */
export function redact(message: string, address: Pick<QueueAddress, 'password'> | undefined, typed?: string): string {
  let out = message;
  if (typed && address?.password) out = out.split(typed).join('[queue URL]');
  if (address?.password) {
    for (const form of new Set([address.password, encodeURIComponent(address.password)]))
      out = out.split(form).join('***');
  }
  return out;
}
