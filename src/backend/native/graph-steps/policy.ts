// When a step is worth a graph. Loading a session costs about as much as several eager steps
// (docs/performance.md has the measurement), so a key gets a graph only when its steps have been
// seen to repeat and enough steps are left to pay the load back.

/** 0 turns graph steps off; 1 compiles whatever repeats, however few steps are left. */
export const GRAPH_STEPS_ENV = 'AELAB_GRAPH_STEPS';

/** Fewer steps left than this after a repeat: not worth loading a graph for. */
export const MIN_STEPS_TO_COMPILE = 30;

/**
 * The fewest steps left for which a repeating key gets a graph, from AELAB_GRAPH_STEPS; undefined
 * when graph steps are off. (=1: the benchmark's short rounds; unset: MIN_STEPS_TO_COMPILE.)
 */
export function minStepsToCompile(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const setting = env[GRAPH_STEPS_ENV];
  if (setting === '0') return undefined;
  return setting === '1' ? 0 : MIN_STEPS_TO_COMPILE;
}

/**
 * After a traced step: compile it when another loop has already loaded this exact structure, or
 * when it repeats the previous trace of its key (the first steps differ, e.g. an optimizer
 * creating its state) with at least `minSteps` steps left.
 */
export function shouldCompile(
  loaded: boolean,
  repeatsLastTrace: boolean,
  stepsLeft: number,
  minSteps: number,
): boolean {
  return loaded || (repeatsLastTrace && stepsLeft >= minSteps);
}
