// The run folder: its file names, records, readers and writers, and a sweep's best trial. Nothing
// outside this folder parses or writes a run folder's own files.
export * from './files.js';
export * from './records.js';
export { newRunId, RunFolderWriter, writeRunRecord, writeSummary, writeSyncFile } from './folder-writer.js';
export {
  listRuns,
  listTrials,
  readConfig,
  readConfigOr,
  readJsonIfValid,
  readParams,
  readRun,
  readSummary,
  readSyncFile,
} from './read.js';
export { bestTrial, stoppedAt, sweepSummary, testMetrics } from './objective.js';
export {
  bestPoint,
  byRepeat,
  groupByPoint,
  pointDifference,
  repeatOf,
  sweepPoints,
  typicalTrial,
  type PointRow,
} from './points.js';

export { HEARTBEAT_EVERY_MS, HEARTBEAT_STALE_MS, readHeartbeat, startHeartbeat, type Heartbeat } from './heartbeat.js';
export {
  effectiveStatus,
  endedRecord,
  trialStatus,
  type EffectiveStatus,
  type LiveStatus,
  type TrialStatus,
} from './status.js';
export { matchRuns, resolveRun, type FoundRun } from './find.js';
export { LOCK_DIR, lockRunFolder, type RunLock } from './lock.js';
export { listRunFiles, type RunFile } from './run-files.js';
export { readSchedulerState, writeSchedulerState } from './scheduler-file.js';
export { RunStoreListener, trialRecord } from './listener.js';
export type { Objective, RunSettings } from '../types/run-events.js';
