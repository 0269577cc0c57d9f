import type {Plan, PlannedInstance} from '../pipeline/plan.js';
import {fail, ok, type Result} from '../util/result.js';

/**
 * Checks that each `--force`/`--only` name is a stage or an instance of
 * the plan, so a typo fails instead of silently doing nothing.
 */
export function checkStageNames(
  plan: Plan,
  flag: string,
  names: readonly string[],
): Result<void, string> {
  const known = new Set(plan.instances.flatMap((i) => [i.stage, i.id]));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length === 0) {
    return ok(undefined);
  }
  const stages = [...new Set(plan.instances.map((i) => i.stage))];
  return fail(
    `${flag} ${unknown.join(', ')}: no such stage in ${plan.file} ` +
      `(stages: ${stages.join(', ')})`,
  );
}

/** The plan cut down to the named stages and everything upstream. */
export function selectInstances(plan: Plan, only: readonly string[]): Plan {
  if (only.length === 0) {
    return plan;
  }
  const byId = new Map(plan.instances.map((i) => [i.id, i]));
  const keep = new Set<string>();
  const visit = (instance: PlannedInstance): void => {
    if (keep.has(instance.id)) {
      return;
    }
    keep.add(instance.id);
    for (const bindings of Object.values(instance.inputs)) {
      for (const binding of bindings) {
        const upstream = byId.get(binding.instance);
        if (upstream !== undefined) {
          visit(upstream);
        }
      }
    }
  };
  plan.instances
    .filter((i) => only.includes(i.stage) || only.includes(i.id))
    .forEach(visit);
  return {...plan, instances: plan.instances.filter((i) => keep.has(i.id))};
}
