/**
 * What the report says of an autoencoder's analyses: how much class information its codes keep,
 * read from the stage folder (the pictures are shown as its definition's `report.pictures`).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ANALYSIS_FILE, ANALYSIS_PICTURES, type AnalysisRecord } from '../stages/autoencoder/analysis-files.js';
import { readJsonIfValid } from '../run-store/index.js';
import { formatPercent } from './format.js';

export interface AnalysisFiles {
  readonly record?: AnalysisRecord;
  readonly pictures: Readonly<Record<string, Buffer>>;
}

export async function readAnalyses(stageFolder: string, pictures = true): Promise<AnalysisFiles | undefined> {
  const record = await readJsonIfValid<AnalysisRecord>(path.join(stageFolder, ANALYSIS_FILE));
  const found: Record<string, Buffer> = {};
  if (pictures)
    await Promise.all(
      ANALYSIS_PICTURES.map(async (p) => {
        try {
          found[p.file] = await readFile(path.join(stageFolder, p.file));
        } catch {
          // A picture the stage did not draw (manifold.png of a non-variational AE) is left out.
        }
      }),
    );
  return record || Object.keys(found).length ? { ...(record ? { record } : {}), pictures: found } : undefined;
}

/** "A linear probe reads the digit from 85.2% of ae's test codes (95% interval 81.8-88.0%) ..." */
export function probeSentence(name: string, r: AnalysisRecord | undefined): string | undefined {
  if (!r?.probe || !r.knn) return undefined;
  const iv = (i: readonly [number, number]) => `${formatPercent(i[0], 1)}-${formatPercent(i[1], 1)}`;
  return (
    `How much of the digit ${name}'s codes keep: a linear probe (${r.probe.method}, trained on the training codes) reads it from ` +
    `${formatPercent(r.probe.accuracy, 1)} of the test codes (95% interval ${iv(r.probe.interval95)}), and the ${r.knn.method} from ` +
    `${formatPercent(r.knn.accuracy, 1)} (${iv(r.knn.interval95)}).`
  );
}
