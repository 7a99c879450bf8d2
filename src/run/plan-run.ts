/**
 * The one way `aelab plan`, `aelab run` and `aelab resume` turn a validated experiment into a
 * plan: the backend's name (found without starting it), the code version and the data's content
 * all go into the fingerprints, so `plan` shows the fingerprints `run` caches under.
 */
import { backendName, type BackendLookup } from '../backend/name.js';
import type { BackendChoice } from '../backend/select.js';
import { codeVersion } from '../plan/code-version.js';
import type { Plan } from '../plan/plan.js';
import type { Result } from '../types/result.js';
import { ok } from '../util/result.js';
import type { ExperimentConfig } from '../types/experiment-config.js';
import { experimentFolder } from '../util/data-path.js';
import { planWithDataContent } from './data-identities.js';
import { dataCacheDir } from './session.js';

export interface PlanRunOptions {
  readonly backend: BackendChoice;
  /** The experiment file: relative data paths resolve against its folder. */
  readonly experimentFile: string;
  readonly runsDir: string;
  /**
   * Whether a URL source without checksums may be downloaded to learn its bytes (run: yes; plan:
   * no, and such a source is planned without its content until it has been downloaded once).
   */
  readonly download: boolean;
}

export type PlannedRun = Result<{ plan: Plan; backend: Extract<BackendLookup, { ok: true }>['value'] }>;

export async function planRun(config: ExperimentConfig, options: PlanRunOptions): Promise<PlannedRun> {
  const backend = backendName(options.backend);
  if (!backend.ok) return backend;
  const planned = await planWithDataContent(
    config,
    { codeVersion: await codeVersion(), backend: backend.value.name },
    {
      experimentDir: experimentFolder(options.experimentFile),
      cacheDir: dataCacheDir(options.runsDir),
      download: options.download,
    },
  );
  return planned.ok ? ok({ plan: planned.value, backend: backend.value }) : planned;
}
