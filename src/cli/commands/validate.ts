import { loadExperiment, type Override } from '../../config/load.js';
import { countLine, diagnosticsJson, printDiagnostics } from '../diagnostics-output.js';

export interface ValidateOptions {
  readonly json: boolean;
  /** `--set` overrides, applied to every file. */
  readonly overrides?: readonly Override[];
}

/**
 * `aelab validate FILE...`: every problem of every file, at once; exit 1 if any file has errors
 * (warnings do not fail). Text goes to stderr, a status line per file after its diagnostics;
 * with --json, stdout gets one JSON document and stderr nothing.
 */
export async function validateCommand(files: readonly string[], opts: ValidateOptions): Promise<number> {
  let failed = 0;
  const report: object[] = [];
  for (const file of files) {
    const outcome = await loadExperiment(file, { overrides: opts.overrides ?? [] });
    const valid = outcome.experiment !== undefined;
    if (!valid) failed++;
    if (opts.json) {
      const errors = outcome.diagnostics.filter((d) => d.severity === 'error').length;
      report.push({
        file,
        valid,
        errors: errors + (outcome.omitted?.errors ?? 0),
        warnings: outcome.diagnostics.length - errors + (outcome.omitted?.warnings ?? 0),
        diagnostics: diagnosticsJson(outcome.diagnostics, outcome.sources),
        // Errors and warnings past the first MAX_ERRORS errors: counted above, not listed.
        ...(outcome.omitted ? { omitted: outcome.omitted } : {}),
      });
      continue;
    }
    printDiagnostics(outcome.diagnostics, outcome.sources, false, outcome.omitted);
    process.stderr.write(`${file}: ${valid ? 'ok' : 'invalid'} (${countLine(outcome.diagnostics, outcome.omitted)})\n`);
  }
  if (opts.json) process.stdout.write(`${JSON.stringify({ valid: failed === 0, files: report }, null, 2)}\n`);
  return failed > 0 ? 1 : 0;
}
