import assert from 'node:assert/strict';
import {readdir} from 'node:fs/promises';
import {test} from 'node:test';
import {CliWorkspace} from './cli-workspace.js';
import {diamondPipeline} from './diamond-pipeline.js';

async function objectCount(ws: CliWorkspace): Promise<number> {
  const shards = await readdir(ws.path('.pipeline/objects'));
  let count = 0;
  for (const shard of shards) {
    count += (await readdir(ws.path(`.pipeline/objects/${shard}`))).length;
  }
  return count;
}

test('gc keeps what recorded runs need and --keep-last drops older runs', async () => {
  const ws = await CliWorkspace.create(diamondPipeline());
  try {
    await ws.run();
    await ws.run('--set', 'offset=2');
    const before = await objectCount(ws);
    const plain = await ws.cli('gc');
    assert.equal(plain.code, 0, plain.stderr);
    assert.match(plain.stdout, /^removed 0 objects/);
    const kept = await ws.cli('gc', '--keep-last', '1');
    // offset=1 alone needed a, b[k=1..3] and d: five objects.
    assert.match(kept.stdout, /^removed 5 objects .* 1 run records/);
    assert.equal(await objectCount(ws), before - 5);
    const rerun = await ws.run();
    assert.deepEqual(rerun.ran, ['a', 'b[k=1]', 'b[k=2]', 'b[k=3]', 'd']);
  } finally {
    await ws.remove();
  }
});
