import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * sha256 (hex) of a file's bytes, streamed. sha256 rather than a faster non-cryptographic hash
 * (xxhash): Node has it built in, the data sources' checksums are sha256 already, and with the
 * CPU's SHA extensions it hashes faster than a cold disk reads (docs/performance.md has the
 * measurements).
 */
export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
