/**
 * What some tests need that `npm test` cannot install by itself: Debian packages (root) and the
 * native backend (minutes of building). `npm test` prepares the rest (MLflow's virtualenv) before
 * any test starts. A test whose requirement is missing skips with a reason made here, which ends
 * in the command that brings it, `(apt-get install PKG)` or `(npm run setup:native)`:
 * scripts/test-skips-reporter.mjs counts skips by that ending, and scripts/test.mjs ends the run
 * with one line naming what was not tested and how to test it.
 *
 * AELAB_TEST_WITHOUT="redis-server chromium" makes the tests act as if those were missing, so
 * that the summary itself can be tested on a machine that has them.
 */

/** The Debian packages tests may need, and `native` for `npm run setup:native`. */
export type Requirement = 'redis-server' | 'chromium' | 'dataset-fashion-mnist' | 'python3-pip' | 'git' | 'native';

const hidden = new Set((process.env.AELAB_TEST_WITHOUT ?? '').split(/[\s,]+/).filter(Boolean));

/** False when `requirement` is hidden by AELAB_TEST_WITHOUT, else `present`. */
export function available(requirement: Requirement, present: () => boolean): boolean {
  return !hidden.has(requirement) && present();
}

/** The command that brings a requirement. */
export function installCommand(requirement: Requirement): string {
  return requirement === 'native' ? 'npm run setup:native' : `apt-get install ${requirement}`;
}

/**
 * For `test(name, { skip: skipUnless(...) }, ...)`: false when the requirement is there, else
 * `what` (why the test cannot run) followed by the command that brings it.
 */
export function skipUnless(requirement: Requirement, present: () => boolean, what: string): string | false {
  if (available(requirement, present)) return false;
  return `${hidden.has(requirement) ? `${requirement} is hidden by AELAB_TEST_WITHOUT` : what} (${installCommand(requirement)})`;
}
