import { available, skipUnless } from './requirements.js';

/**
 * Whether the native backend (@tensorflow/tfjs-node) loads here: after an install that could
 * build it, or `npm run setup:native`, it does; on a machine without a C++ compiler it does not.
 * Importing it registers the 'tensorflow' backend, as the native tests need.
 */
export const nativeLoads: boolean =
  available('native', () => true) &&
  (await import('@tensorflow/tfjs-node' as string).then(
    () => true,
    () => false,
  ));

/** For `test(name, { skip: nativeSkip }, ...)` of tests that need the native backend. */
export const nativeSkip: string | false = skipUnless('native', () => nativeLoads, 'tfjs-node does not load here');
