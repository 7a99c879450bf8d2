import { keepRenderedCharts } from '../pictures/render-cache.js';
import { isWriteError } from '../util/atomic.js';
import type { RunEnd, RunListener } from '../types/run-events.js';

/** Writes report.html when a run or sweep ends, and says where. */
export class ReportListener implements RunListener {
  constructor(
    private readonly say: (line: string) => void,
    private readonly warn: (line: string) => void,
    /** Where rendered charts are kept between runs; undefined draws every chart. */
    private readonly chartCache?: string,
  ) {}

  async onRunFinished(end: RunEnd): Promise<void> {
    try {
      keepRenderedCharts(this.chartCache);
      // The report's charts load only now: a run that fails early never pays for them.
      const file = end.sweep
        ? await (await import('./sweep-report.js')).writeSweepReport(end.dir)
        : await (await import('./run-report.js')).writeRunReport(end.dir);
      this.say(`report: ${file}`);
    } catch (e) {
      // The run itself is complete and recorded; a report that cannot be drawn is a bug to show, not
      // a failed run. A report the disk would not take is said in one line that names the file.
      this.warn(
        isWriteError(e)
          ? `warning: no report: ${(e as Error).message}`
          : `warning: report.html could not be written: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
    }
  }
}
