import { Worker } from 'node:worker_threads';

/** How often the watcher looks whether the parent is still there. */
const WATCH_EVERY_MS = 500;

/**
 * A trial worker must not outlive the process that records it: a killed sweep parent (kill -9)
 * would leave it training for nobody. The IPC channel closing says so when the event loop is
 * free; training can hold the main thread for a long time, so a small thread also watches the
 * parent's pid (a child whose parent died is given another parent) and ends this process from
 * outside the busy main thread.
 */
export function exitWhenParentDies(): { release(): void } {
  const parentGone = () => process.exit(1);
  process.on('disconnect', parentGone);
  const watcher = new Worker(
    `const { workerData } = require('node:worker_threads');
     setInterval(() => {
       if (process.ppid !== workerData.parent) process.kill(workerData.pid, 'SIGKILL');
     }, workerData.every);`,
    { eval: true, workerData: { parent: process.ppid, pid: process.pid, every: WATCH_EVERY_MS } },
  );
  watcher.unref();
  return {
    /** The trial is done and says so itself: closing the channel now is no sign of a dead parent. */
    release() {
      process.off('disconnect', parentGone);
      void watcher.terminate();
    },
  };
}
