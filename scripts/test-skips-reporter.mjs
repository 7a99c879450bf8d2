// A node --test reporter that writes one line at the end: how many tests were skipped, for which
// missing requirement, and the command that brings them. Tests that need what `npm test` cannot
// install skip with a reason ending in `(apt-get install PKG)` or `(npm run setup:native)`
// (test/support/requirements.ts makes those reasons); other reasons are listed as they are.
// scripts/test.mjs prints the line after the run.

const INSTALL = /\((apt-get install (\S+)|npm run setup:native)\)$/;

/** The summary line for the skip reasons of a run (a reason of `true` is a skip without one). */
export function summarize(reasons) {
  if (reasons.length === 0) return 'no test was skipped';
  const packages = new Map();
  let native = 0;
  const other = new Map();
  for (const reason of reasons) {
    const m = typeof reason === 'string' ? INSTALL.exec(reason) : null;
    if (m && m[2]) packages.set(m[2], (packages.get(m[2]) ?? 0) + 1);
    else if (m) native++;
    else {
      const text = typeof reason === 'string' ? reason : 'no reason given';
      other.set(text, (other.get(text) ?? 0) + 1);
    }
  }
  // Most skips first, then by name, so that the line is the same on every run.
  const needs = [...packages].sort(([a, n], [b, m]) => m - n || a.localeCompare(b)).map(([pkg, n]) => [n, pkg]);
  if (native > 0) needs.push([native, 'the native backend']);
  const commands = [];
  const aptPackages = needs.filter(([, what]) => packages.has(what)).map(([, pkg]) => pkg);
  if (aptPackages.length > 0) commands.push(`apt-get install ${aptPackages.join(' ')}`);
  if (native > 0) commands.push('npm run setup:native');
  const parts = [`${reasons.length} test${reasons.length === 1 ? '' : 's'} skipped: `];
  if (needs.length > 0) {
    parts.push(needs.map(([n, what], i) => `${n} ${i === 0 ? `need${n === 1 ? 's' : ''} ` : ''}${what}`).join(', '));
    parts.push(`; to run them: ${commands.join(' && ')}`);
  }
  if (other.size > 0) {
    if (needs.length > 0) parts.push('; besides, ');
    parts.push([...other].map(([text, n]) => `${n} because ${text}`).join('; '));
  }
  return parts.join('');
}

export default async function* skipsReporter(source) {
  const reasons = [];
  for await (const event of source) {
    if (event.type === 'test:pass' && event.data.skip !== undefined && event.data.skip !== false) {
      reasons.push(event.data.skip);
    }
  }
  yield `${summarize(reasons)}\n`;
}
