import { existsSync } from 'node:fs';

/** Data sets that Debian packages install, by folder: what a test needs installed to run. */
const PACKAGES: Readonly<Record<string, string>> = {
  '/usr/share/datasets/fashion-mnist': 'dataset-fashion-mnist',
};

/**
 * A skip reason when `text` (an experiment, a test) names a Debian data set folder that is not
 * installed, else false: such tests skip and say what to install, as the browser tests do without
 * Chromium.
 */
export function missingDebianDataset(text: string): string | false {
  for (const [folder, pkg] of Object.entries(PACKAGES)) {
    if (text.includes(folder) && !existsSync(folder)) return `${folder} is missing (install the Debian package ${pkg})`;
  }
  return false;
}
