import type {Verdict} from '../cache/assess-plan.js';

/**
 * `pipeline status` lines: each instance that is not up to date with why,
 * e.g. `train[fraction=0.5]: param lr changed from 0.01 to 0.02`, then
 * the totals.
 */
export function formatStatus(verdicts: readonly Verdict[]): string {
  const lines = verdicts
    .filter((v) => v.state !== 'up-to-date')
    .map((v) => `${v.id}: ${describe(v)}`);
  return [...lines, totals(verdicts)].join('\n');
}

/** `pipeline run --dry-run` lines: what a run would do to each. */
export function formatDryRun(verdicts: readonly Verdict[]): string {
  const lines = verdicts
    .filter((v) => v.state !== 'up-to-date')
    .map((v) => `${dryRunVerb(v)} ${v.id}: ${describe(v)}`);
  return [...lines, totals(verdicts)].join('\n');
}

function dryRunVerb(verdict: Verdict): string {
  return verdict.state === 'stale' ? 'would run' : 'would restore';
}

function describe(verdict: Verdict): string {
  const prefix = verdict.state === 'restorable' ? 'restorable from cache' : '';
  const reasons = verdict.reasons.join('; ');
  return prefix && reasons ? `${prefix} (${reasons})` : prefix || reasons;
}

function totals(verdicts: readonly Verdict[]): string {
  const count = (state: Verdict['state']): number =>
    verdicts.filter((v) => v.state === state).length;
  return (
    `${count('stale')} stale, ${count('restorable')} restorable, ` +
    `${count('up-to-date')} up to date`
  );
}
