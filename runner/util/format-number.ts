/**
 * A number for people: integers exact, other values to four significant
 * digits (never dropping integer digits), extremes in exponent form.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (Number.isInteger(value) && magnitude < 1e15) return String(value);
  if (magnitude >= 1e6 || magnitude < 1e-4) return value.toExponential(3);
  if (magnitude < 1) return trimZeros(value.toPrecision(4));
  const integerDigits = Math.floor(Math.log10(magnitude)) + 1;
  return trimZeros(value.toFixed(Math.max(0, 4 - integerDigits)));
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
