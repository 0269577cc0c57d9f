import PQueue from 'p-queue';
import type {Lane} from '../stage-definition.js';

/** Where a task runs: the lane and, on the accelerator lane, the device. */
export interface Slot {
  readonly lane: Lane;
  readonly device?: string;
}

export interface LaneOptions {
  /** Concurrent `cpu` stages. */
  readonly jobs: number;
  /** Accelerator device ids; one stage at a time on each. */
  readonly devices: readonly string[];
}

/**
 * The two scheduler lanes. `cpu` runs up to `jobs` stages at once; the
 * accelerator lane runs one stage per device and hands each its device.
 */
export class Lanes {
  readonly #cpu: PQueue;
  readonly #accelerator: PQueue;
  readonly #freeDevices: string[];

  constructor(options: LaneOptions) {
    this.#cpu = new PQueue({concurrency: options.jobs});
    this.#accelerator = new PQueue({concurrency: options.devices.length});
    this.#freeDevices = [...options.devices];
  }

  /** Runs `task` when its lane has room. */
  async add<T>(lane: Lane, task: (slot: Slot) => Promise<T>): Promise<T> {
    if (lane === 'cpu') {
      return this.#cpu.add(() => task({lane}));
    }
    return this.#accelerator.add(() => this.#onDevice(task));
  }

  async #onDevice<T>(task: (slot: Slot) => Promise<T>): Promise<T> {
    const device = this.#freeDevices.pop();
    if (device === undefined) {
      throw new Error('Internal error: accelerator lane ran out of devices');
    }
    try {
      return await task({lane: 'accelerator', device});
    } finally {
      this.#freeDevices.push(device);
    }
  }
}
