import path from 'node:path';

/**
 * The folder a relative `path:` of an experiment file is taken from: the file's own folder, for
 * `validate` and `run` alike, whatever the current directory.
 */
export const experimentFolder = (experimentFile: string): string => path.dirname(path.resolve(experimentFile));

/** A data path as written in an experiment file, made absolute. */
export const resolveDataPath = (experimentDir: string, p: string): string => path.resolve(experimentDir, p);
