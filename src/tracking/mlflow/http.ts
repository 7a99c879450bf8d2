// One HTTP call to the tracking server, with retries for transient failures, turned into a
// MlflowResult. Everything that reaches a message passes through `scrub` first.

import { scrub, type Credentials } from './auth.js';
import { err, ok, type MlflowError, type MlflowResult } from './errors.js';
import { isObj, str } from './wire.js';

export interface RetryOptions {
  /** Attempts after the first one. */
  readonly retries: number;
  /** Backoff before retry n (0-based) is random() * min(maxDelayMs, baseDelayMs * 2^n). */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Per attempt, including reading the body. */
  readonly timeoutMs: number;
  /** Injectable so tests need not wait and can see the delays. */
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
}

export const DEFAULT_RETRY: RetryOptions = {
  retries: 3,
  baseDelayMs: 250,
  maxDelayMs: 4000,
  timeoutMs: 30_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** The codes MLflow's own client retries: timeouts, throttling, and server-side trouble. */
const TRANSIENT_STATUS = new Set([408, 429, 500, 502, 503, 504]);

export interface RequestSpec {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** Path below the server base, e.g. `/api/2.0/mlflow/runs/get`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly json?: unknown;
  readonly body?: Uint8Array;
  /** For messages: what we were doing, e.g. "runs/create". */
  readonly op: string;
}

export class Transport {
  constructor(
    /** Safe-to-print server base, no trailing slash. */
    readonly base: string,
    private readonly credentials: Credentials,
    private readonly retry: RetryOptions,
  ) {}

  /** Scrubs secrets out of any text built from server or network input. */
  clean(text: string): string {
    return scrub(text, this.credentials.secrets);
  }

  async request(spec: RequestSpec): MlflowResultPromise {
    const url = new URL(this.base + spec.path);
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.credentials.header) headers.authorization = this.credentials.header;
    let body: Uint8Array<ArrayBuffer> | string | undefined;
    if (spec.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(spec.json);
    } else if (spec.body !== undefined) {
      headers['content-type'] = 'application/octet-stream';
      // fetch's types want an ArrayBuffer-backed view; a SharedArrayBuffer one is sent the same.
      body = spec.body as Uint8Array<ArrayBuffer>;
    }

    let attempt = 0;
    for (;;) {
      const outcome = await this.once(url, spec, headers, body, attempt + 1);
      if (outcome.kind === 'done' || attempt >= this.retry.retries) return outcome.result;
      const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** attempt);
      const delay =
        outcome.retryAfterMs !== undefined
          ? Math.min(this.retry.maxDelayMs, outcome.retryAfterMs)
          : this.retry.random() * ceiling;
      await this.retry.sleep(delay);
      attempt++;
    }
  }

  private async once(
    url: URL,
    spec: RequestSpec,
    headers: Record<string, string>,
    body: Uint8Array<ArrayBuffer> | string | undefined,
    attempts: number,
  ): Promise<{ kind: 'done' | 'transient'; result: MlflowResult<unknown>; retryAfterMs?: number }> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method: spec.method,
        headers,
        ...(body !== undefined ? { body } : {}),
        signal: AbortSignal.timeout(this.retry.timeoutMs),
      });
      text = await response.text();
    } catch (e) {
      const what = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
      const error: MlflowError = {
        kind: 'unreachable',
        attempts,
        message: this.clean(
          `MLflow at ${this.base} is not reachable: ${describeNetworkError(e)} (${spec.op}, ${what})`,
        ),
      };
      return { kind: 'transient', result: err(error) };
    }

    if (response.ok) {
      if (text.trim() === '') return { kind: 'done', result: ok({}) };
      try {
        return { kind: 'done', result: ok(JSON.parse(text) as unknown) };
      } catch {
        return {
          kind: 'done',
          result: err({
            kind: 'bad-response',
            message: this.clean(
              `MLflow at ${this.base} answered ${spec.op} with something that is not JSON: ${snippet(text)}`,
            ),
          }),
        };
      }
    }

    const error = this.errorFor(response, text, spec.op);
    if (!TRANSIENT_STATUS.has(response.status)) return { kind: 'done', result: err(error) };
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    return { kind: 'transient', result: err(error), ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}) };
  }

  private errorFor(response: Response, text: string, op: string): MlflowError {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const code = isObj(parsed) ? str(parsed.error_code) : undefined;
    if (isObj(parsed) && code !== undefined) {
      const serverMessage = this.clean(str(parsed.message) ?? '');
      return {
        kind: 'api',
        status: response.status,
        errorCode: code,
        serverMessage,
        message: this.clean(`MLflow at ${this.base} refused ${op}: ${code}: ${snippet(serverMessage)}`),
      };
    }
    const hint =
      response.status === 401 || response.status === 403
        ? ' (check MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD, or MLFLOW_TRACKING_TOKEN)'
        : '';
    const detail = text.trim() === '' ? '' : `: ${snippet(text)}`;
    return {
      kind: 'http',
      status: response.status,
      message: this.clean(
        `MLflow at ${this.base} answered ${op} with HTTP ${response.status} ${response.statusText}${hint}${detail}`,
      ),
    };
  }
}

type MlflowResultPromise = Promise<MlflowResult<unknown>>;

/** The first line, at most 300 chars: MLflow sometimes puts a whole SQL statement in a message. */
function snippet(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/** undici wraps the real reason (ECONNREFUSED, ENOTFOUND, ...) in `cause`. */
function describeNetworkError(e: unknown): string {
  if (e instanceof Error && e.name === 'TimeoutError') return 'no answer before the timeout';
  const cause = e instanceof Error ? (e as Error & { cause?: unknown }).cause : undefined;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    return typeof code === 'string' && !cause.message.includes(code) ? `${code}: ${cause.message}` : cause.message;
  }
  return e instanceof Error ? e.message : String(e);
}

function parseRetryAfter(v: string | null): number | undefined {
  if (v === null) return undefined;
  const seconds = Number(v);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
