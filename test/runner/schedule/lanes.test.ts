import assert from 'node:assert/strict';
import {setTimeout as sleep} from 'node:timers/promises';
import {test} from 'node:test';
import {Lanes} from '../../../runner/schedule/lanes.js';

test('the accelerator lane runs one stage per device, each on its own', async () => {
  const lanes = new Lanes({jobs: 4, devices: ['0', '1']});
  const busy = new Set<string>();
  let most = 0;
  const seen: string[] = [];
  const task = async (slot: {device?: string}): Promise<void> => {
    const device = slot.device ?? 'none';
    assert.equal(busy.has(device), false, `device ${device} given twice`);
    busy.add(device);
    most = Math.max(most, busy.size);
    seen.push(device);
    await sleep(20);
    busy.delete(device);
  };
  await Promise.all(
    Array.from({length: 6}, () => lanes.add('accelerator', task)),
  );
  assert.equal(most, 2);
  assert.deepEqual([...new Set(seen)].sort(), ['0', '1']);
});

test('the cpu lane runs up to --jobs stages at once', async () => {
  const lanes = new Lanes({jobs: 3, devices: ['0']});
  let running = 0;
  let most = 0;
  await Promise.all(
    Array.from({length: 9}, () =>
      lanes.add('cpu', async (slot) => {
        assert.equal(slot.device, undefined);
        running++;
        most = Math.max(most, running);
        await sleep(10);
        running--;
      }),
    ),
  );
  assert.equal(most, 3);
});
