import {documentOf} from '../cache/document-of.js';
import {explainStaleness} from '../cache/explain-staleness.js';
import {findCached} from '../cache/find-cached.js';
import {
  computeFingerprint,
  type Fingerprint,
  type FingerprintDocument,
} from '../cache/fingerprint.js';
import {ended, executeInstance} from '../execute/execute-instance.js';
import {
  noteCommandOuts,
  restoreCommandOuts,
} from '../execute/restore-command-outs.js';
import type {PlannedInstance} from '../pipeline/plan.js';
import {
  digestsByPort,
  inputArtifacts,
  resolveInputs,
  type ResolvedInput,
} from './instance-inputs.js';
import type {InstanceResult, RunContext} from './run-context.js';

/**
 * Brings one instance to an end: skipped when an upstream failed, cached
 * when its fingerprint has a stored result, else run. Starts as soon as
 * every upstream has settled.
 */
export async function settleInstance(
  context: RunContext,
  instance: PlannedInstance,
): Promise<InstanceResult> {
  const startedAt = new Date();
  const blocked = await blockedBy(context, instance);
  const reason =
    blocked ?? (context.abort.signal.aborted ? 'run stopped' : undefined);
  if (reason !== undefined) {
    context.reporter.onEvent({type: 'skipped', instance: instance.id, reason});
    return ended('skipped', startedAt, reason);
  }
  return settleReady(context, instance, {
    startedAt,
    forced: forcedBy(context, instance),
  });
}

interface Attempt {
  readonly startedAt: Date;
  /** Why the cache is bypassed: `--force`, or a corrupt output. */
  readonly forced: string | undefined;
  readonly round?: number;
}

async function settleReady(
  context: RunContext,
  instance: PlannedInstance,
  attempt: Attempt,
): Promise<InstanceResult> {
  const inputs = await resolveInputs(context, instance);
  const document = await documentOf({
    instance,
    inputs: digestsByPort(inputs),
    statCache: context.statCache,
    versions: context.options.versions,
    backend: context.options.backend,
  });
  const fingerprint = computeFingerprint(document);
  if (attempt.forced === undefined) {
    const hit = await tryCacheHit(
      context,
      instance,
      fingerprint,
      document,
      attempt,
    );
    if (hit !== undefined) {
      return hit;
    }
  }
  const reasons = attempt.forced
    ? [attempt.forced]
    : reasonsFor(context, instance, document);
  context.reporter.onEvent({
    type: 'cache-miss',
    instance: instance.id,
    reasons,
  });
  return runWithVerifiedInputs(
    context,
    instance,
    {inputs, fingerprint, document},
    attempt,
  );
}

interface Keyed {
  readonly inputs: readonly ResolvedInput[];
  readonly fingerprint: Fingerprint;
  readonly document: FingerprintDocument;
}

async function runWithVerifiedInputs(
  context: RunContext,
  instance: PlannedInstance,
  keyed: Keyed,
  attempt: Attempt,
): Promise<InstanceResult> {
  const corrupt = await findCorruptInputs(context, instance, keyed.inputs);
  if (corrupt.length > 0) {
    if ((attempt.round ?? 0) > 0) {
      return ended(
        'failed',
        attempt.startedAt,
        'inputs corrupt after recompute',
      );
    }
    await Promise.all(corrupt.map((id) => recompute(context, id)));
    keyed.inputs.forEach((input) => context.verified.delete(input.digest));
    return settleReady(context, instance, {...attempt, round: 1});
  }
  const result = await executeInstance(context, {
    instance,
    fingerprint: keyed.fingerprint,
    document: keyed.document,
    inputs: inputArtifacts(context, instance, keyed.inputs),
  });
  if (result.status === 'succeeded') {
    await noteCommandOuts(context, instance);
  }
  return result;
}

async function tryCacheHit(
  context: RunContext,
  instance: PlannedInstance,
  fingerprint: Fingerprint,
  document: FingerprintDocument,
  attempt: Attempt,
): Promise<InstanceResult | undefined> {
  const previous = context.previous[instance.id];
  const cached = await findCached(
    context.store,
    context.runCache,
    previous,
    fingerprint,
  );
  if (cached === undefined) {
    return undefined;
  }
  const restore = await restoreCommandOuts(context, instance, cached.entry);
  if (!restore.ok) {
    context.reporter.onEvent({
      type: 'corrupt-object',
      instance: instance.id,
      digest: restore.corrupt,
    });
    return undefined;
  }
  context.reporter.onEvent({
    type: 'cache-hit',
    instance: instance.id,
    restored: restore.restored,
  });
  const {startedAt} = attempt;
  return {
    status: 'cached',
    fingerprint,
    document,
    entry: cached.entry,
    startedAt,
    durationMs: Date.now() - startedAt.getTime(),
  };
}

function reasonsFor(
  context: RunContext,
  instance: PlannedInstance,
  document: FingerprintDocument,
): string[] {
  const previous = context.previous[instance.id];
  if (previous === undefined) {
    return ['never run'];
  }
  const reasons = explainStaleness(previous.document, document);
  return reasons.length > 0 ? reasons : ['outputs missing from the store'];
}

/**
 * Producers whose objects fail verification. Each object is hashed once
 * per run however many stages read it.
 */
async function findCorruptInputs(
  context: RunContext,
  instance: PlannedInstance,
  inputs: readonly ResolvedInput[],
): Promise<string[]> {
  const corrupt = new Set<string>();
  for (const input of inputs) {
    if (!(await verifyOnce(context, input.digest))) {
      context.reporter.onEvent({
        type: 'corrupt-object',
        instance: instance.id,
        digest: input.digest,
      });
      corrupt.add(input.producer);
    }
  }
  return [...corrupt];
}

async function verifyOnce(
  context: RunContext,
  digest: string,
): Promise<boolean> {
  let verdict = context.verified.get(digest);
  if (verdict === undefined) {
    verdict = context.store.verify(digest);
    context.verified.set(digest, verdict);
  }
  return verdict;
}

/** Runs a producer again, once per run, replacing its result. */
async function recompute(context: RunContext, id: string): Promise<void> {
  let pending = context.recomputes.get(id);
  if (pending === undefined) {
    const instance = context.byId.get(id);
    if (instance === undefined) {
      throw new Error(`Internal error: ${id} is not in the plan`);
    }
    pending = settleReady(context, instance, {
      startedAt: new Date(),
      forced: 'recomputing a corrupt output',
    });
    context.recomputes.set(id, pending);
    context.results.set(id, pending);
  }
  await pending;
}

async function blockedBy(
  context: RunContext,
  instance: PlannedInstance,
): Promise<string | undefined> {
  for (const bindings of Object.values(instance.inputs)) {
    for (const {instance: upstream} of bindings) {
      const result = await context.results.get(upstream);
      if (
        result !== undefined &&
        result.status !== 'succeeded' &&
        result.status !== 'cached'
      ) {
        return `upstream ${upstream} ${result.status}`;
      }
    }
  }
  return undefined;
}

function forcedBy(
  context: RunContext,
  instance: PlannedInstance,
): string | undefined {
  const {force} = context.options;
  const forced = force.has(instance.stage) || force.has(instance.id);
  return forced ? 'forced' : undefined;
}
