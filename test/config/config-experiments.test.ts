import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { loadExperiment } from '../../src/config/load.js';
import { SCHEMA_PATH } from '../../src/config/schema.js';
import { ROOT } from '../support/cli.js';
import { missingDebianDataset } from '../support/debian-datasets.js';

const dir = path.join(ROOT, 'experiments');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

test('there are example experiments to check', () => {
  assert.ok(files.length >= 1);
});

for (const file of files) {
  // An example on a Debian data set is checked where the package is installed (.ci/run installs it).
  const skip = missingDebianDataset(readFileSync(path.join(dir, file), 'utf8'));
  test(`experiments/${file} is valid, without warnings`, { skip }, async () => {
    const outcome = await loadExperiment(path.join(dir, file), { projectDir: ROOT });
    assert.deepEqual(
      outcome.diagnostics.map((d) => d.message),
      [],
    );
    assert.ok(outcome.experiment);
  });

  test(`experiments/${file} names the schema for editors on its first line`, () => {
    const first = readFileSync(path.join(dir, file), 'utf8').split('\n')[0]!;
    const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    assert.ok(match, `first line is: ${first}`);
    const target = path.resolve(dir, match[1]!);
    assert.equal(target, path.join(ROOT, SCHEMA_PATH));
    assert.ok(existsSync(target));
  });
}
