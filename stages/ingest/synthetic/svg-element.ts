type Attribute = string | number | undefined;

/**
 * One SVG element as text; numbers get one decimal, undefined attributes
 * are left out.
 */
export function el(
  name: string,
  attributes: Readonly<Record<string, Attribute>>,
  children = '',
): string {
  const text = Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}="${format(value ?? '')}"`)
    .join(' ');
  return children === ''
    ? `<${name} ${text}/>`
    : `<${name} ${text}>${children}</${name}>`;
}

function format(value: string | number): string {
  return typeof value === 'number' ? value.toFixed(1) : value;
}

/** A path `d` from commands and points: `path('M', [x, y], 'Q', ...)`. */
export function path(...steps: readonly (string | number)[]): string {
  return steps
    .map((step) => (typeof step === 'number' ? step.toFixed(1) : step))
    .join(' ');
}
