import { loadExperiment } from '../../config/load.js';
import { countLine, diagnosticsJson, printDiagnostics } from '../diagnostics-output.js';

/** `aelab validate FILE...`: every problem of every file, at once; exit 1 if any file has errors. */
export async function validateCommand(files: readonly string[], opts: { json: boolean }): Promise<number> {
  let failed = 0;
  const report: object[] = [];
  for (const file of files) {
    const outcome = await loadExperiment(file);
    if (!outcome.experiment) failed++;
    if (opts.json) {
      report.push({ file, valid: outcome.experiment !== undefined, diagnostics: diagnosticsJson(outcome.diagnostics, outcome.sources) });
      continue;
    }
    printDiagnostics(outcome.diagnostics, outcome.sources);
    const status = outcome.experiment ? 'ok' : 'invalid';
    process.stdout.write(`${file}: ${status} (${countLine(outcome.diagnostics)})\n`);
  }
  if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return failed > 0 ? 1 : 0;
}
