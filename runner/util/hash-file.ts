import {createHash} from 'node:crypto';
import {open} from 'node:fs/promises';

// 4 MiB reads: large enough that syscalls vanish next to hashing, small
// enough to stay in cache. Measured in bench/hash-throughput.ts.
const CHUNK_BYTES = 4 * 1024 * 1024;

/** The content hash of the project (SHA-256, see docs/runner.md). */
export function createContentHash(): ReturnType<typeof createHash> {
  return createHash('sha256');
}

/** Lowercase hex SHA-256 of a string, for manifests and fingerprints. */
export function hashText(text: string): string {
  return createContentHash().update(text).digest('hex');
}

/**
 * Streams a file through the hash with one reused buffer, so a 1 GiB
 * dataset costs no more memory than a small one.
 */
export async function hashFile(path: string): Promise<string> {
  const hash = createContentHash();
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const {bytesRead} = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) {
        break;
      }
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}
