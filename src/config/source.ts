import { readFile, stat } from 'node:fs/promises';
import { SourceText } from '../diagnostics/format.js';
import { error, type Diagnostic } from '../diagnostics/diagnostic.js';

/** An experiment file larger than this is refused unread: no real experiment comes near it. */
export const MAX_FILE_BYTES = 1024 * 1024;

/**
 * Reads a file as strict UTF-8, refusing huge files and undecodable bytes. The source text comes
 * back even with a UTF-8 error (decoded leniently) so that the error can be shown in context.
 */
export async function readSource(file: string): Promise<{ source?: SourceText; diagnostics: Diagnostic[] }> {
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (info.isDirectory()) return { diagnostics: [error(`${file} is a folder, not an experiment file`)] };
    if (info.size > MAX_FILE_BYTES) {
      return { diagnostics: [error(`${file} is ${info.size} bytes; experiment files are limited to ${MAX_FILE_BYTES} bytes`)] };
    }
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { diagnostics: [error(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot be read (${code ?? String(e)})`)] };
  }
  try {
    return { source: new SourceText(file, new TextDecoder('utf-8', { fatal: true }).decode(bytes)), diagnostics: [] };
  } catch {
    // The lenient decoder marks the first bad byte with U+FFFD: that is where the caret goes.
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const column = Math.max(0, lenient.indexOf('\uFFFD'));
    const byteOffset = Buffer.byteLength(lenient.slice(0, column));
    const hex = (bytes[byteOffset] ?? 0).toString(16).padStart(2, '0');
    return {
      source: new SourceText(file, lenient),
      diagnostics: [error(`the file is not valid UTF-8 (byte 0x${hex}); save it as UTF-8`, { file, range: { start: column, end: column + 1 } })],
    };
  }
}
