// What graph steps did since the process started, for tests and the benchmark.

/** Sessions loaded, steps run as a graph, and lazy steps that fell back to replaying eagerly. */
export const graphStepStats = { compiled: 0, graphSteps: 0, replayed: 0 };
