// Recordings loaded as TensorFlow sessions, and the sessions kept for the process: retraining
// the same model on batches of the same shape (a sweep's seeds, a benchmark's rounds) reuses
// the graph instead of loading it again.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { Binding } from './binding.js';
import type { Recording } from './recording.js';
import { savedModelBytes } from './saved-model.js';
import { graphStepStats } from './stats.js';

/** A step's graph as a loaded session, with the recording it was made from. */
export interface CompiledStep {
  session: number;
  recording: Recording;
  inputNames: string;
}

/** Loads a recording as a TensorFlow session (the SavedModel folder is removed once loaded). */
function compile(r: Recording, b: Binding): CompiledStep {
  const dir = mkdtempSync(join(os.tmpdir(), 'aelab-graph-'));
  try {
    writeFileSync(join(dir, 'saved_model.pb'), savedModelBytes(r, b));
    const session = b.loadSavedModel(dir, 'serve');
    const inputNames = [...r.outside.map((_, i) => `x${i}:0`), ...r.created.map((_, j) => `c${j}:0`)].join(',');
    return { session, recording: r, inputNames };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Sessions by step structure (structure()), shared by every training loop of the process. */
const sessions = new Map<string, CompiledStep>();
/** The oldest session is released beyond this many. */
const MAX_SESSIONS = 16;

/** Whether a session for this structure is loaded already. */
export function hasSession(structure: string): boolean {
  return sessions.has(structure);
}

/** The session for a recording whose structure is `structure`, loaded if it is not yet. */
export function cachedSession(structure: string, r: Recording, b: Binding): CompiledStep {
  let s = sessions.get(structure);
  if (s) {
    sessions.delete(structure); // re-inserted below: the map's order is least recently used first
  } else {
    s = compile(r, b);
    graphStepStats.compiled++;
    if (sessions.size >= MAX_SESSIONS) {
      const [oldest, old] = sessions.entries().next().value as [string, CompiledStep];
      sessions.delete(oldest);
      b.deleteSavedModel(old.session);
    }
  }
  sessions.set(structure, s);
  return s;
}
