import { open } from 'node:fs/promises';
import { SourceText } from '../diagnostics/format.js';
import { error, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';

/** An experiment file larger than this is refused unread: no real experiment comes near it. */
export const MAX_FILE_BYTES = 256 * 1024;

/** A location naming a whole file, printed as `file: error: ...` with no excerpt. */
export const wholeFile = (file: string): Location => ({ file, range: { start: 0, end: 0 } });

/**
 * Reads a file as strict UTF-8, refusing huge files, undecodable bytes and control characters.
 * The source text comes back even with an encoding error (decoded leniently) so that the error
 * can be shown in context. Reads at most MAX_FILE_BYTES + 1 bytes whatever the file claims to be
 * (a FIFO or /dev/zero has no honest size).
 */
export async function readSource(file: string): Promise<{ source?: SourceText; diagnostics: Diagnostic[] }> {
  let bytes: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      const info = await handle.stat();
      if (info.isDirectory())
        return { diagnostics: [error('this is a folder, not an experiment file', wholeFile(file))] };
      const buffer = Buffer.alloc(MAX_FILE_BYTES + 1);
      let length = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
        if (bytesRead === 0) break;
        length += bytesRead;
        if (length > MAX_FILE_BYTES) {
          const size = info.size > MAX_FILE_BYTES ? `${info.size} bytes` : 'larger than that';
          return {
            diagnostics: [
              error(
                `the file is ${size}; experiment files are limited to ${MAX_FILE_BYTES / 1024} KiB`,
                wholeFile(file),
              ),
            ],
          };
        }
      }
      bytes = buffer.subarray(0, length);
    } finally {
      await handle.close();
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'this is a folder, not an experiment file'
          : `cannot be read (${code ?? String(e)})`;
    return { diagnostics: [error(why, wholeFile(file))] };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // The lenient decoder marks the first bad byte with U+FFFD: that is where the caret goes.
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const column = Math.max(0, lenient.indexOf('\uFFFD'));
    const byteOffset = Buffer.byteLength(lenient.slice(0, column));
    const hex = (bytes[byteOffset] ?? 0).toString(16).padStart(2, '0');
    return {
      source: new SourceText(file, lenient),
      diagnostics: [
        error(`the file is not valid UTF-8 (byte 0x${hex}); save it as UTF-8`, {
          file,
          range: { start: column, end: column + 1 },
        }),
      ],
    };
  }
  // YAML allows no C0 control characters but tab, LF and CR; yaml the library lets some through
  // inside plain scalars, where they would be invisible in every message that quotes the value.
  // eslint-disable-next-line no-control-regex -- finding control characters is this line's purpose
  const control = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return {
      source: new SourceText(file, text),
      diagnostics: [
        error(`the file contains the control character U+${code}, which YAML does not allow`, {
          file,
          range: { start: control.index, end: control.index + 1 },
        }),
      ],
    };
  }
  return { source: new SourceText(file, text), diagnostics: [] };
}
