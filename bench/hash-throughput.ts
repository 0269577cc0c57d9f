import {spawnSync} from 'node:child_process';
import {randomFillSync} from 'node:crypto';
import {mkdtemp, open, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {hashFile} from '../runner/util/hash-file.js';

// Hashing a new 1 GiB input: the project's hashFile (SHA-256 through
// node:crypto) against coreutils' sha256sum on the same file, best of
// three each, alternating so that contention hits both alike.

const SIZE = 1024 ** 3;
const ROUNDS = 3;

async function writeRandomFile(path: string): Promise<void> {
  const handle = await open(path, 'w');
  const chunk = Buffer.allocUnsafe(64 * 1024 ** 2);
  try {
    for (let written = 0; written < SIZE; written += chunk.length) {
      await handle.write(randomFillSync(chunk));
    }
  } finally {
    await handle.close();
  }
}

function timeSha256sum(path: string): {seconds: number; digest: string} {
  const start = process.hrtime.bigint();
  const result = spawnSync('sha256sum', [path], {encoding: 'utf8'});
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) {
    throw new Error(`sha256sum failed: ${result.stderr}`);
  }
  return {seconds, digest: result.stdout.split(' ')[0] ?? ''};
}

async function timeHashFile(
  path: string,
): Promise<{seconds: number; digest: string}> {
  const start = process.hrtime.bigint();
  const digest = await hashFile(path);
  return {seconds: Number(process.hrtime.bigint() - start) / 1e9, digest};
}

function mibPerSecond(seconds: number): string {
  return (SIZE / 1024 ** 2 / seconds).toFixed(0);
}

async function main(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'hash-bench-'));
  const file = join(folder, 'input.bin');
  try {
    await writeRandomFile(file);
    let ours = Infinity;
    let theirs = Infinity;
    for (let round = 0; round < ROUNDS; round++) {
      const baseline = timeSha256sum(file);
      const measured = await timeHashFile(file);
      if (baseline.digest !== measured.digest) {
        throw new Error('digests differ: the benchmark compares unlike hashes');
      }
      theirs = Math.min(theirs, baseline.seconds);
      ours = Math.min(ours, measured.seconds);
    }
    console.log(
      `sha256sum:          ${mibPerSecond(theirs)} MiB/s (${theirs.toFixed(2)} s)`,
    );
    console.log(
      `hashFile (sha256):  ${mibPerSecond(ours)} MiB/s (${ours.toFixed(2)} s)`,
    );
    const ratio = theirs / ours;
    console.log(
      `ratio: ${(ratio * 100).toFixed(0)}% of sha256sum's throughput (target >= 80%): ${ratio >= 0.8 ? 'PASS' : 'FAIL'}`,
    );
  } finally {
    await rm(folder, {recursive: true, force: true});
  }
}

await main();
