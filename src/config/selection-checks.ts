/**
 * Nothing may select on the test split. Early stopping picks an epoch and a scheduler picks the
 * trials that go on by a metric; when that metric is measured on the test images, the reported
 * test result is the best of many looks at them and overstates what a new image would see. So
 * both need a validation split (`data.<set>.validation`) on the data set their stage trains on;
 * without one, `val_*` is the test split (as the seed experiment validates) and selecting on it
 * is refused here, saying why. The validation split must also leave images to train on.
 */
import { error, warning, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { isCount } from '../stages/definition.js';
import { OFFICIAL_MNIST_TRAIN } from '../data/mnist-official.js';
import { isObject } from '../util/json.js';
import { metricDirection } from '../util/metric-direction.js';
import { flowOf, type Graph } from './shapes.js';

type At = (p: readonly (string | number)[], target?: 'key' | 'value') => Location;

/** The data set a stage's input comes from, or undefined when the input does not resolve (reported elsewhere). */
function rootDataset(graph: Graph, stage: unknown): string | undefined {
  return isObject(stage) ? flowOf(graph, stage.input)?.dataset : undefined;
}

function hasValidation(datasets: Record<string, unknown>, name: string): boolean {
  const d = datasets[name];
  return isObject(d) && isCount(d.validation);
}

/**
 * The data set without a validation split that stage `name` trains on, when it has none (so
 * its val_* metrics are the test split's); undefined when it has one or its input does not resolve.
 * For any check of something that selects on a stage's val_* metrics (early stopping, a scheduler).
 */
export function testSplitDataset(data: Record<string, unknown>, graph: Graph, name: string): string | undefined {
  const datasets = isObject(data.data) ? data.data : {};
  const stages = isObject(data.stages) ? data.stages : {};
  const dataset = rootDataset(graph, stages[name]);
  return dataset !== undefined && !hasValidation(datasets, dataset) ? dataset : undefined;
}

/** The error for `what` (e.g. "early stopping of stage `ae`"), selecting on stage `stage`'s val_* metrics measured on the test split. */
export function testSplitSelectionError(what: string, stage: string, dataset: string, where: Location): Diagnostic {
  return error(
    `${what} selects on the test split: data set \`${dataset}\` (which stage \`${stage}\` trains on) has no validation split, so its val_* metrics are measured on the test images; selecting on them inflates the reported test result (it becomes the best of many looks at the same images)`,
    where,
    { hint: `hold training images out for validation: \`data.${dataset}.validation: N\`` },
  );
}

/** `trainCounts`: training images of the data sets whose files were read (idx, url). */
export function selectionDiagnostics(
  data: Record<string, unknown>,
  graph: Graph,
  at: At,
  trainCounts: ReadonlyMap<string, number> = new Map(),
): Diagnostic[] {
  const datasets = isObject(data.data) ? data.data : {};
  const stages = isObject(data.stages) ? data.stages : {};
  const out: Diagnostic[] = [...validationSizeChecks(datasets, trainCounts, at)];
  for (const [name, stage] of Object.entries(stages)) {
    if (!isObject(stage) || !isObject(stage.train) || !isObject(stage.train.early_stopping)) continue;
    const dataset = testSplitDataset(data, graph, name);
    if (dataset !== undefined)
      out.push(
        testSplitSelectionError(
          `early stopping of stage \`${name}\``,
          name,
          dataset,
          at(['stages', name, 'train', 'early_stopping'], 'key'),
        ),
      );
  }
  const scheduler = isObject(data.sweep) && isObject(data.sweep.scheduler) ? data.sweep.scheduler : undefined;
  if (scheduler) out.push(...schedulerChecks(data, scheduler, stages, graph, at));
  return out;
}

function schedulerChecks(
  data: Record<string, unknown>,
  scheduler: Record<string, unknown>,
  stages: Record<string, unknown>,
  graph: Graph,
  at: At,
): Diagnostic[] {
  const path = ['sweep', 'scheduler'];
  const sweep = isObject(data.sweep) ? data.sweep : {};
  const repeats = isCount(sweep.repeats) ? sweep.repeats : 1;
  if (!['grid', 'zip', 'random'].some((k) => isObject(sweep[k])) && repeats < 2)
    return [
      error(
        'the scheduler has nothing to schedule: this sweep is one trial (no grid, zip or random), and ASHA stops a trial only against others that reached the same rung',
        at(path, 'key'),
        { hint: 'sweep over settings with `sweep.grid`, `sweep.zip` or `sweep.random`, or remove `sweep.scheduler`' },
      ),
    ];
  const name = scheduler.stage;
  if (typeof name !== 'string') return [];
  const stage = stages[name];
  if (!isObject(stage))
    return [error(`the scheduler's stage \`${name}\` is not a stage of this experiment`, at([...path, 'stage']))];
  if (!isObject(stage.train))
    return [
      error(`the scheduler's stage \`${name}\` does not train (it has no epochs to schedule)`, at([...path, 'stage'])),
    ];
  const out: Diagnostic[] = [];
  const dataset = testSplitDataset(data, graph, name);
  if (dataset !== undefined)
    out.push(testSplitSelectionError(`the ASHA scheduler on stage \`${name}\``, name, dataset, at(path, 'key')));
  const metric = typeof scheduler.metric === 'string' ? scheduler.metric : undefined;
  if (metric && (scheduler.mode === 'min' || scheduler.mode === 'max') && scheduler.mode !== metricDirection(metric))
    out.push(
      warning(
        `the scheduler keeps the ${scheduler.mode === 'min' ? 'smallest' : 'largest'} \`${metric}\`, but a ${metricDirection(metric) === 'min' ? 'loss is better smaller' : 'accuracy is better larger'}`,
        at([...path, 'mode']),
      ),
    );
  const epochs = stage.train.epochs;
  if (isCount(epochs) && isCount(scheduler.min_epochs) && scheduler.min_epochs >= epochs)
    out.push(
      warning(
        `the scheduler's first rung (${scheduler.min_epochs} epochs) is not below stage \`${name}\`'s ${epochs} epochs: no trial is ever stopped`,
        at([...path, 'min_epochs']),
      ),
    );
  return out;
}

/** The validation split comes out of the training split and must leave images to train on. */
function validationSizeChecks(
  datasets: Record<string, unknown>,
  trainCounts: ReadonlyMap<string, number>,
  at: At,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [name, d] of Object.entries(datasets)) {
    if (!isObject(d) || !isCount(d.validation)) continue;
    const capacity = d.source === 'mnist' ? OFFICIAL_MNIST_TRAIN : trainCounts.get(name);
    const train = isCount(d.train) ? d.train : undefined;
    if (capacity === undefined) continue;
    const needed = (train ?? 1) + d.validation;
    if (needed > capacity)
      out.push(
        error(
          train === undefined
            ? `data set \`${name}\` holds ${d.validation} validation images out of ${capacity} training images, leaving none to train on`
            : `data set \`${name}\` asks for ${train} training and ${d.validation} validation images, but its training split has ${capacity}`,
          at(['data', name, 'validation']),
          { hint: 'the validation images come out of the training split, disjoint from the `train` images' },
        ),
      );
  }
  return out;
}
