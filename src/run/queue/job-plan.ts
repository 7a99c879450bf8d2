/**
 * A worker runs only what it computed itself. A queued trial is data anyone with access to Redis
 * can write, so its experiment is validated here with the very checks `aelab validate` applies to a
 * file (schema, semantic, memory and size), planned again through the same path as `aelab run`, and
 * the job is refused when its nodes (names, kinds, settings, inputs, fingerprints) are not exactly
 * the worker's own plan. What the worker then runs is its own trial, not the job's.
 */
import path from 'node:path';
import { stringify } from 'safe-stable-stringify';
import { loadExperimentText } from '../../config/load.js';
import type { PlannedNode, Trial } from '../../plan/plan.js';
import type { Result } from '../../types/result.js';
import { fail, ok } from '../../util/result.js';
import { planRun } from '../plan-run.js';
import type { QueuedTrial } from './trial-job.js';

const BACKENDS = new Set(['tensorflow', 'wasm', 'cpu']);

/** What a node is, for comparing two plans: everything the trial process computes from. */
const shape = (node: PlannedNode): string => stringify(node) ?? '';

/** The first difference between the job's nodes and the worker's own, in words. */
function difference(job: readonly unknown[], own: readonly PlannedNode[]): string | undefined {
  const theirs = job as readonly Partial<PlannedNode>[];
  if (theirs.length !== own.length)
    return `it has ${theirs.length} nodes where the worker's plan has ${own.length} (${own.map((n) => n.name).join(', ')})`;
  for (const [i, mine] of own.entries()) {
    const node = theirs[i];
    if (!node || typeof node !== 'object') return `its node ${i} is not a node`;
    if (node.name !== mine.name)
      return `its node ${i} is \`${String(node.name)}\` where the worker's plan has \`${mine.name}\``;
    if (node.fingerprint !== mine.fingerprint)
      return `the fingerprint of \`${mine.name}\` is not the worker's own (${mine.fingerprint})`;
    if (shape(node as PlannedNode) !== shape(mine)) return `\`${mine.name}\` is not planned as the worker plans it`;
  }
  return undefined;
}

/**
 * The job's trial as this worker plans it, or why the job is refused (one line). `runsDir` is the
 * worker's mount of the shared runs folder (its data cache); relative data paths start at the
 * worker's current folder, as its trial processes' do.
 */
export async function workerTrial(job: QueuedTrial, runsDir: string): Promise<Result<Trial>> {
  const trial = job.trial as Partial<Trial> | undefined;
  if (!trial || typeof trial !== 'object' || !Array.isArray(trial.nodes) || !trial.config)
    return fail('the job carries no trial to plan');
  if (!BACKENDS.has(job.backend)) return fail(`the job names an unknown backend \`${String(job.backend)}\``);
  const label = path.join(process.cwd(), `job ${job.sweep}/${String(trial.id)}`);
  const loaded = await loadExperimentText(label, JSON.stringify(trial.config, null, 2));
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (!loaded.experiment) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    return fail(`its experiment is not valid: ${errors[0]?.message ?? 'unreadable'}${more}`);
  }
  const planned = await planRun(loaded.experiment.config, {
    backend: job.backend,
    experimentFile: label,
    runsDir,
    download: true,
  });
  if (!planned.ok) return fail(`the worker cannot plan it: ${planned.error}`);
  const [own, ...others] = planned.value.plan.trials;
  if (!own || others.length) return fail('its experiment is a sweep, not one trial');
  const differs = difference(trial.nodes, own.nodes);
  if (differs) return fail(`it was not planned by this code: ${differs}`);
  return ok({ ...own, id: trial.id!, index: Number(trial.id!.slice(1)), assignment: trial.assignment ?? {} });
}
