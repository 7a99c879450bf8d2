/** report.html for a run or a sweep: one self-contained page a person can read. */
export { writeRunReport, renderRunReport, REPORT_FILE } from './run-report.js';
export { writeSweepReport, renderSweepReport } from './sweep-report.js';
export { findings } from './comparison.js';
export type { Finding } from './comparison.js';
