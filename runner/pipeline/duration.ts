const UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * Milliseconds of a `timeout:` value: `500ms`, `30s`, `5m`, `1h`, `1h30m`
 * or a plain number of seconds. Undefined when it is none of these.
 */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return value > 0 ? value * 1000 : undefined;
  }
  if (typeof value !== 'string' || !/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(value)) {
    return undefined;
  }
  let total = 0;
  for (const [, amount, , unit] of value.matchAll(/(\d+(\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(amount) * (UNITS[unit ?? ''] ?? 0);
  }
  return total > 0 ? total : undefined;
}
