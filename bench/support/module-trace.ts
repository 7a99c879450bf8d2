import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

/**
 * `node --import .../module-trace.js main.js ...`: records every ES module resolved (through the
 * hooks) and, at exit, every CommonJS module in require's cache, into AELAB_MODULE_TRACE.
 */
register('./module-trace-hooks.js', import.meta.url);

const require = createRequire(import.meta.url);
process.on('exit', () => {
  const trace = process.env.AELAB_MODULE_TRACE;
  if (trace)
    appendFileSync(
      trace,
      Object.keys(require.cache)
        .map((f) => `cjs:${f}\n`)
        .join(''),
    );
});
