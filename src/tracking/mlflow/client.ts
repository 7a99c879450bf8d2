// A small typed client for the MLflow tracking server's REST API 2.0, over Node's fetch.
// Every method returns a MlflowResult (see errors.ts): failures the world can cause (server
// down, bad credentials, a rejected value) are values; an exception is a bug in this code.

import { artifactPath, artifactPutPath, artifactTarget, listFiles, readLocal } from './artifacts.js';
import { readCredentials } from './auth.js';
import { planBatches, type BatchInput } from './batch.js';
import {
  err,
  isApiError,
  ok,
  RESOURCE_ALREADY_EXISTS,
  RESOURCE_DOES_NOT_EXIST,
  type MlflowError,
  type MlflowResult,
} from './errors.js';
import { DEFAULT_RETRY, Transport, type RetryOptions } from './http.js';
import type { Experiment, FileInfo, Metric, Run, RunInfo, RunStatus } from './types.js';
import { parseTrackingUri } from './uri.js';
import { isObj, parseExperiment, parseFileInfo, parseList, parseMetric, parseRun, parseRunInfo, str } from './wire.js';

export interface MlflowClientOptions {
  /** http(s)://host:port[/prefix] of the tracking server; see resolveTrackingUri. */
  readonly uri: string;
  /** Where credentials are read from (MLFLOW_TRACKING_TOKEN, or _USERNAME + _PASSWORD). */
  readonly env?: NodeJS.ProcessEnv;
  /** Attempts after the first for transient failures; shorthand for retry.retries. */
  readonly retries?: number;
  /** Backoff, per-attempt timeout, and injectable sleep/random for tests. */
  readonly retry?: Partial<RetryOptions>;
  /** Clock for default start times and metric timestamps (ms since the epoch). */
  readonly now?: () => number;
}

/** Anything that knows where a run's artifacts live, or just its id (then it is looked up). */
export type ArtifactRunRef =
  string | { readonly artifactUri: string } | { readonly info: { readonly artifactUri: string } };

export interface SearchRunsOptions {
  readonly experimentIds: readonly string[];
  /** MLflow search syntax, e.g. `tags."mlflow.parentRunId" = 'abc'`. */
  readonly filter?: string;
  /** Total runs to return over all pages; default all of them. */
  readonly maxResults?: number;
  /** e.g. ['metrics.loss ASC', 'attributes.start_time DESC']. */
  readonly orderBy?: readonly string[];
  /** Runs per request (server maximum 50000); default 1000. */
  readonly pageSize?: number;
}

const API = '/api/2.0/mlflow';

export class MlflowClient {
  /** The server address as it may be printed: no credentials, no trailing slash. */
  readonly uri: string;
  private readonly http: Transport | undefined;
  private readonly setupError: MlflowError | undefined;
  private readonly now: () => number;

  constructor(opts: MlflowClientOptions) {
    this.now = opts.now ?? Date.now;
    const parsed = parseTrackingUri(opts.uri);
    if (!parsed.ok) {
      // A bad URI is the user's input, so it is reported as a value by every call, not thrown.
      this.uri = '';
      this.setupError = parsed.error;
      return;
    }
    this.uri = parsed.value.display;
    const retry: RetryOptions = {
      ...DEFAULT_RETRY,
      ...opts.retry,
      ...(opts.retries !== undefined ? { retries: opts.retries } : {}),
    };
    this.http = new Transport(this.uri, readCredentials(opts.env ?? process.env, parsed.value.userInfo), retry);
  }

  // ---- experiments ------------------------------------------------------------------------

  /** The experiment with this name, or null when there is none. */
  async getExperimentByName(name: string): Promise<MlflowResult<Experiment | null>> {
    const r = await this.call('GET', 'experiments/get-by-name', { query: { experiment_name: name } });
    if (!r.ok) return isApiError(r.error, RESOURCE_DOES_NOT_EXIST) ? ok(null) : r;
    return this.parse(r.value, 'experiments/get-by-name', (v) =>
      isObj(v) ? parseExperiment(v.experiment) : undefined,
    );
  }

  /** Creates the experiment and returns its id; RESOURCE_ALREADY_EXISTS is an 'api' error. */
  async createExperiment(
    name: string,
    opts: { artifactLocation?: string; tags?: Readonly<Record<string, string>> } = {},
  ): Promise<MlflowResult<string>> {
    const r = await this.call('POST', 'experiments/create', {
      json: {
        name,
        ...(opts.artifactLocation !== undefined ? { artifact_location: opts.artifactLocation } : {}),
        ...(opts.tags ? { tags: Object.entries(opts.tags).map(([key, value]) => ({ key, value })) } : {}),
      },
    });
    if (!r.ok) return r;
    return this.parse(r.value, 'experiments/create', (v) => (isObj(v) ? str(v.experiment_id) : undefined));
  }

  /** Moves the experiment to MLflow's trash; its name stays taken until it is purged. */
  async deleteExperiment(experimentId: string): Promise<MlflowResult<void>> {
    const r = await this.call('POST', 'experiments/delete', { json: { experiment_id: experimentId } });
    return r.ok ? ok(undefined) : r;
  }

  /**
   * The experiment with this name, created if needed. Safe when several processes race: the
   * loser of the create gets RESOURCE_ALREADY_EXISTS and simply reads the winner's experiment.
   */
  async getOrCreateExperiment(name: string): Promise<MlflowResult<Experiment>> {
    let found = await this.getExperimentByName(name);
    if (found.ok && found.value === null) {
      const created = await this.createExperiment(name);
      if (!created.ok && !isApiError(created.error, RESOURCE_ALREADY_EXISTS)) return created;
      found = await this.getExperimentByName(name);
    }
    if (!found.ok) return found;
    const exp = found.value;
    if (exp === null) {
      return err({
        kind: 'bad-response',
        message: `MLflow at ${this.uri} created experiment '${name}' but then could not find it by name`,
      });
    }
    if (exp.lifecycleStage === 'deleted') {
      // A deleted experiment keeps its name, and runs cannot be created in it.
      return err({
        kind: 'conflict',
        message:
          `experiment '${name}' exists on MLflow at ${this.uri} but is deleted; restore it ` +
          `(mlflow experiments restore --experiment-id ${exp.experimentId}) or choose another name`,
      });
    }
    return ok(exp);
  }

  // ---- runs -------------------------------------------------------------------------------

  async createRun(opts: {
    experimentId: string;
    runName?: string;
    /** ms since the epoch; default now. */
    startTime?: number;
    tags?: Readonly<Record<string, string>>;
  }): Promise<MlflowResult<Run>> {
    const r = await this.call('POST', 'runs/create', {
      json: {
        experiment_id: opts.experimentId,
        ...(opts.runName !== undefined ? { run_name: opts.runName } : {}),
        start_time: opts.startTime ?? this.now(),
        tags: Object.entries(opts.tags ?? {}).map(([key, value]) => ({ key, value })),
      },
    });
    if (!r.ok) return r;
    return this.parse(r.value, 'runs/create', (v) => (isObj(v) ? parseRun(v.run) : undefined));
  }

  async updateRun(opts: {
    runId: string;
    status?: RunStatus;
    /** ms since the epoch; default now when the status is terminal. */
    endTime?: number;
    runName?: string;
  }): Promise<MlflowResult<RunInfo>> {
    const terminal = opts.status === 'FINISHED' || opts.status === 'FAILED' || opts.status === 'KILLED';
    const endTime = opts.endTime ?? (terminal ? this.now() : undefined);
    const r = await this.call('POST', 'runs/update', {
      json: {
        run_id: opts.runId,
        ...(opts.status !== undefined ? { status: opts.status } : {}),
        ...(endTime !== undefined ? { end_time: endTime } : {}),
        ...(opts.runName !== undefined ? { run_name: opts.runName } : {}),
      },
    });
    if (!r.ok) return r;
    return this.parse(r.value, 'runs/update', (v) => (isObj(v) ? parseRunInfo(v.run_info) : undefined));
  }

  /**
   * Logs the data sets a run used as its dataset inputs (runs/log-inputs): MLflow's runs table
   * shows them in its Dataset column. `digest` is at most 36 characters (MLflow's column).
   */
  async logInputs(opts: {
    runId: string;
    datasets: readonly {
      name: string;
      digest: string;
      sourceType: string;
      source: string;
      profile?: string;
      context?: string;
    }[];
  }): Promise<MlflowResult<void>> {
    const r = await this.call('POST', 'runs/log-inputs', {
      json: {
        run_id: opts.runId,
        datasets: opts.datasets.map((d) => ({
          tags: d.context ? [{ key: 'mlflow.data.context', value: d.context }] : [],
          dataset: {
            name: d.name,
            digest: d.digest.slice(0, 36),
            source_type: d.sourceType,
            source: d.source,
            ...(d.profile !== undefined ? { profile: d.profile } : {}),
          },
        })),
      },
    });
    return r.ok ? ok(undefined) : r;
  }

  /** The run with its params, tags and latest metrics; RESOURCE_DOES_NOT_EXIST is an 'api' error. */
  async getRun(runId: string): Promise<MlflowResult<Run>> {
    const r = await this.call('GET', 'runs/get', { query: { run_id: runId } });
    if (!r.ok) return r;
    return this.parse(r.value, 'runs/get', (v) => (isObj(v) ? parseRun(v.run) : undefined));
  }

  /**
   * Logs any number of metrics, params and tags, split into as many requests as the server's
   * limits need (see batch.ts for the limits and the truncation policy). Nothing is sent when
   * a key is invalid. If a later request fails, the earlier ones stay logged; the error says
   * how many went through. Params cannot change once logged (MLflow refuses a new value).
   */
  async logBatch(
    opts: { runId: string } & BatchInput,
  ): Promise<MlflowResult<{ requests: number; truncated: string[] }>> {
    if (this.setupError) return err(this.setupError);
    const plan = planBatches(opts.runId, opts, this.now());
    if (!plan.ok) return plan;
    const { batches, truncated } = plan.value;
    for (const [i, b] of batches.entries()) {
      const r = await this.call('POST', 'runs/log-batch', { json: { run_id: opts.runId, ...b } });
      if (!r.ok) {
        if (batches.length === 1) return r;
        return err({
          ...r.error,
          message: `${r.error.message} (log-batch request ${i + 1} of ${batches.length}; the ${i} before it were logged)`,
        });
      }
    }
    return ok({ requests: batches.length, truncated });
  }

  /** All runs matching, following page tokens until maxResults or the end. */
  async searchRuns(opts: SearchRunsOptions): Promise<MlflowResult<Run[]>> {
    const limit = opts.maxResults ?? Infinity;
    const pageSize = opts.pageSize ?? 1000;
    const runs: Run[] = [];
    let token: string | undefined;
    do {
      const r = await this.call('POST', 'runs/search', {
        json: {
          experiment_ids: opts.experimentIds,
          ...(opts.filter !== undefined ? { filter: opts.filter } : {}),
          max_results: Math.min(pageSize, limit - runs.length),
          ...(opts.orderBy ? { order_by: opts.orderBy } : {}),
          ...(token !== undefined ? { page_token: token } : {}),
        },
      });
      if (!r.ok) return r;
      const page = this.parse(r.value, 'runs/search', (v) => (isObj(v) ? pageOf(v, 'runs', parseRun) : undefined));
      if (!page.ok) return page;
      runs.push(...page.value.items);
      token = page.value.next;
    } while (token !== undefined && runs.length < limit);
    return ok(runs);
  }

  /** Every logged value of one metric of a run, following page tokens. */
  async getMetricHistory(runId: string, key: string): Promise<MlflowResult<Metric[]>> {
    const out: Metric[] = [];
    let token: string | undefined;
    do {
      const r = await this.call('GET', 'metrics/get-history', {
        query: { run_id: runId, metric_key: key, ...(token !== undefined ? { page_token: token } : {}) },
      });
      if (!r.ok) return r;
      const page = this.parse(r.value, 'metrics/get-history', (v) =>
        isObj(v) ? pageOf(v, 'metrics', parseMetric) : undefined,
      );
      if (!page.ok) return page;
      out.push(...page.value.items);
      token = page.value.next;
    } while (token !== undefined);
    return ok(out);
  }

  // ---- artifacts --------------------------------------------------------------------------

  /** The direct children of `path` (default the artifact root) of a run. */
  async listArtifacts(runId: string, path?: string): Promise<MlflowResult<FileInfo[]>> {
    const out: FileInfo[] = [];
    let token: string | undefined;
    do {
      const r = await this.call('GET', 'artifacts/list', {
        query: {
          run_id: runId,
          ...(path !== undefined ? { path } : {}),
          ...(token !== undefined ? { page_token: token } : {}),
        },
      });
      if (!r.ok) return r;
      const page = this.parse(r.value, 'artifacts/list', (v) =>
        isObj(v) ? pageOf(v, 'files', parseFileInfo) : undefined,
      );
      if (!page.ok) return page;
      out.push(...page.value.items);
      token = page.value.next;
    } while (token !== undefined);
    return ok(out);
  }

  /**
   * Stores `body` as `relPath` among the run's artifacts. Works for runs whose artifact_uri is
   * `mlflow-artifacts:` (a server that serves artifacts); others get 'unsupported-artifact-uri'.
   */
  async uploadArtifact(
    run: ArtifactRunRef,
    relPath: string,
    body: Buffer | Uint8Array,
  ): Promise<MlflowResult<{ path: string; bytes: number }>> {
    const target = await this.targetOf(run);
    if (!target.ok) return target;
    return this.put(target.value, relPath, body);
  }

  /**
   * Uploads every file under `localDir` (recursively, in sorted order) to `destPath` (default
   * the artifact root). Stops at the first failure; the error says how many were uploaded.
   */
  async uploadDirectory(
    run: ArtifactRunRef,
    localDir: string,
    destPath?: string,
  ): Promise<MlflowResult<{ files: number; bytes: number }>> {
    const target = await this.targetOf(run);
    if (!target.ok) return target;
    const files = await listFiles(localDir);
    if (!files.ok) return files;
    let bytes = 0;
    for (const [i, f] of files.value.entries()) {
      const data = await readLocal(f.file);
      const done = data.ok ? await this.put(target.value, destPath ? `${destPath}/${f.rel}` : f.rel, data.value) : data;
      if (!done.ok) {
        return err({
          ...done.error,
          message: `${done.error.message} (uploading ${localDir}: ${i} of ${files.value.length} files were uploaded)`,
        });
      }
      bytes += done.value.bytes;
    }
    return ok({ files: files.value.length, bytes });
  }

  // ---- plumbing ---------------------------------------------------------------------------

  private async targetOf(run: ArtifactRunRef): Promise<MlflowResult<{ base: string; root: string }>> {
    if (this.setupError) return err(this.setupError);
    let artifactUri: string;
    if (typeof run === 'string') {
      const got = await this.getRun(run);
      if (!got.ok) return got;
      artifactUri = got.value.info.artifactUri;
    } else {
      artifactUri = 'info' in run ? run.info.artifactUri : run.artifactUri;
    }
    return artifactTarget(artifactUri, this.uri);
  }

  private async put(
    target: { base: string; root: string },
    relPath: string,
    body: Uint8Array,
  ): Promise<MlflowResult<{ path: string; bytes: number }>> {
    const rel = artifactPath(relPath);
    if (!rel.ok) return rel;
    const http = target.base === this.uri ? this.http : undefined;
    if (!http) {
      // MLflow would send our credentials to the host named in the artifact URI; we do not
      // send them anywhere but the configured tracking server.
      return err({
        kind: 'unsupported-artifact-uri',
        artifactUri: `mlflow-artifacts://${new URL(target.base).host}/${target.root}`,
        message: `run artifacts are served by ${target.base}, not by the tracking server ${this.uri}; aelab only uploads to the tracking server`,
      });
    }
    const r = await http.request({
      method: 'PUT',
      path: artifactPutPath(target.root, rel.value),
      body,
      op: `artifact upload of ${relPath}`,
    });
    if (!r.ok) return r;
    return ok({ path: relPath, bytes: body.byteLength });
  }

  private async call(
    method: 'GET' | 'POST',
    endpoint: string,
    req: { query?: Record<string, string | undefined>; json?: unknown },
  ): Promise<MlflowResult<unknown>> {
    if (!this.http) return err(this.setupError!);
    return this.http.request({ method, path: `${API}/${endpoint}`, op: endpoint, ...req });
  }

  private parse<T>(value: unknown, op: string, parse: (v: unknown) => T | undefined): MlflowResult<T> {
    const parsed = parse(value);
    if (parsed !== undefined) return ok(parsed);
    const shown = JSON.stringify(value).slice(0, 200);
    const message = `MLflow at ${this.uri} answered ${op} with an unexpected shape: ${shown}`;
    return err({ kind: 'bad-response', message: this.http ? this.http.clean(message) : message });
  }
}

function pageOf<T>(
  v: Record<string, unknown>,
  field: string,
  parse: (x: unknown) => T | undefined,
): { items: T[]; next?: string } | undefined {
  const items = parseList(v[field], parse);
  if (!items) return undefined;
  const next = str(v.next_page_token);
  return next ? { items, next } : { items };
}
