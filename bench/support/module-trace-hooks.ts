import { appendFileSync } from 'node:fs';

/**
 * Module resolution hooks (run in node's loader thread) that append every resolved URL to the
 * file named by AELAB_MODULE_TRACE, so a test can see exactly which modules a command loaded.
 */
type Resolve = (
  specifier: string,
  context: object,
  next: (specifier: string, context: object) => Promise<{ url: string }>,
) => Promise<{ url: string }>;

export const resolve: Resolve = async (specifier, context, next) => {
  const result = await next(specifier, context);
  const trace = process.env.AELAB_MODULE_TRACE;
  if (trace) appendFileSync(trace, `${result.url}\n`);
  return result;
};
