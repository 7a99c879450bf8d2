import { existsSync } from 'node:fs';
import { skipUnless, type Requirement } from './requirements.js';

/** Data sets that Debian packages install, by folder: what a test needs installed to run. */
const PACKAGES: Readonly<Record<string, Requirement>> = {
  '/usr/share/datasets/fashion-mnist': 'dataset-fashion-mnist',
};

/**
 * A skip reason when `text` (an experiment, a test) names a Debian data set folder that is not
 * installed, else false: such tests skip and say what to install, as the browser tests do without
 * Chromium.
 */
export function missingDebianDataset(text: string): string | false {
  for (const [folder, pkg] of Object.entries(PACKAGES)) {
    if (!text.includes(folder)) continue;
    const skip = skipUnless(pkg, () => existsSync(folder), `${folder} is missing`);
    if (skip) return skip;
  }
  return false;
}
