import {createRequire} from 'node:module';
import path from 'node:path';

/** The TensorFlow.js backends the engine can run on, fastest first. */
export const BACKEND_NAMES = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';

/** The environment variable that forces a backend, like `--backend`. */
export const BACKEND_ENV = 'PIPELINE_BACKEND';

type Tf = typeof import('@tensorflow/tfjs');

// Held in variables so that neither tsc nor npm needs the optional native
// packages: they download libtensorflow on install and are often absent.
const NATIVE_PACKAGES: Readonly<Record<string, string>> = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node',
};

let active: BackendName | undefined;

/** Loads TensorFlow.js on first use; ML stages call this, nothing else. */
export async function loadTf(): Promise<Tf> {
  return import('@tensorflow/tfjs');
}

/**
 * Picks the backend once per process: the one forced by `requested` or
 * PIPELINE_BACKEND, else the first of BACKEND_NAMES that works here.
 * A forced backend that cannot start is an error that says why.
 */
export async function selectBackend(requested?: string): Promise<BackendName> {
  const forced = requested ?? process.env[BACKEND_ENV];
  if (active !== undefined && (forced === undefined || forced === active)) {
    return active;
  }
  if (forced !== undefined && forced !== '' && forced !== 'auto') {
    const name = checkBackendName(forced);
    const problem = await tryBackend(name);
    if (problem !== undefined) {
      throw new Error(`Backend '${name}' is not available: ${problem}.`);
    }
    return (active = name);
  }
  for (const name of BACKEND_NAMES as BackendName[]) {
    if ((await tryBackend(name)) === undefined) return (active = name);
  }
  throw new Error('Internal error: not even the cpu backend started.');
}

function checkBackendName(name: string): BackendName {
  if (BACKEND_NAMES.includes(name)) return name as BackendName;
  throw new Error(
    `Unknown backend '${name}' (from --backend or ${BACKEND_ENV}); ` +
      `use one of ${BACKEND_NAMES.join(', ')} or auto.`,
  );
}

/** Starts one backend; returns why it cannot run, or undefined. */
async function tryBackend(name: BackendName): Promise<string | undefined> {
  try {
    if (name === 'wasm') return await startWasm();
    if (name === 'cpu') return await startPlain('cpu');
    return await startNative(name);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function startNative(name: BackendName): Promise<string | undefined> {
  const packageName = NATIVE_PACKAGES[name] ?? name;
  try {
    await import(packageName);
  } catch {
    return `${packageName} is not installed (npm install ${packageName})`;
  }
  const tf = await loadTf();
  if (!(await tf.setBackend('tensorflow'))) {
    return `${packageName} loaded but its backend did not start`;
  }
  const usesGpu = (tf.backend() as {isUsingGpuDevice?: boolean})
    .isUsingGpuDevice;
  if (name === 'tensorflow-gpu' && usesGpu !== true) {
    return `${packageName} found no CUDA device`;
  }
  return undefined;
}

async function startWasm(): Promise<string | undefined> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths(wasmFolder());
  const {registerWasmKernels} =
    await import('./kernels/register-wasm-kernels.js');
  const problem = await startPlain('wasm');
  if (problem === undefined) registerWasmKernels();
  return problem;
}

/** Where npm put the .wasm binaries, as the prefix setWasmPaths wants. */
function wasmFolder(): string {
  const require = createRequire(import.meta.url);
  const wasmFile =
    require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm.wasm');
  return path.dirname(wasmFile) + path.sep;
}

async function startPlain(name: 'cpu' | 'wasm'): Promise<string | undefined> {
  const tf = await loadTf();
  const started = await tf.setBackend(name);
  return started ? undefined : `tf.setBackend('${name}') failed`;
}
