/**
 * The names of what a run folder holds. A single run's folder and a sweep trial's are alike; a
 * sweep's own folder has its trials under trials/<id>/ and a summary.json.
 */
import { checkStageName, checkTrialId, inside } from '../util/safe-path.js';

/** Everything about a run but its per-epoch metrics and files: status, times, stages, environment. */
export const RUN_FILE = 'run.json';
/** The resolved experiment (defaults filled in, --set applied). */
export const CONFIG_FILE = 'config.json';
/** Every setting of a run, flattened with dotted keys. */
export const PARAMS_FILE = 'params.json';
/** One line per metric per epoch. */
export const METRICS_FILE = 'metrics.jsonl';
/** A sweep's table of trials, its objective and its best trial. */
export const SUMMARY_FILE = 'summary.json';
/** What has been sent to which MLflow server, so that syncing is idempotent. */
export const SYNC_FILE = 'mlflow.json';
/** A sweep's scheduler (ASHA): its settings and every decision, in arrival order. */
export const SCHEDULER_FILE = 'scheduler.json';
/** The report page of a run or sweep. */
export const REPORT_FILE = 'report.html';
/** The pid and host of the process recording a run, refreshed while it runs. */
export const HEARTBEAT_FILE = 'heartbeat.json';
/** A sweep's trials, one folder each. */
export const TRIALS_DIR = 'trials';
/** A run's stages, one folder each for their artifacts. */
export const STAGES_DIR = 'stages';

/** A trial's folder in its sweep's; the id is checked, so the path cannot leave the sweep folder. */
export const trialDir = (sweepDir: string, trial: string): string => inside(sweepDir, TRIALS_DIR, checkTrialId(trial));
/** A stage's folder in its run's; the name is checked, so the path cannot leave the run folder. */
export const stageDir = (runDir: string, stage: string): string => inside(runDir, STAGES_DIR, checkStageName(stage));
