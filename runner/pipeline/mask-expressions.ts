// YAML forbids `{`, `}`, `[`, `]` and `,` in plain scalars inside flow
// collections, so `with: {epochs: ${{ params.epochs }}}` would not parse.
// Before parsing, the characters of each `${{ ... }}` are swapped for
// private-use code points of the same length, so every offset the parser
// reports still points into the original text; values are swapped back.
const SWAPS: readonly (readonly [string, string])[] = [
  ['{', '\uE000'],
  ['}', '\uE001'],
  ['[', '\uE002'],
  [']', '\uE003'],
  [',', '\uE004'],
  [':', '\uE005'],
  ['#', '\uE006'],
];

const TO_MASK = new Map(SWAPS);
const FROM_MASK = new Map(SWAPS.map(([plain, masked]) => [masked, plain]));
const MASKED = /[\uE000-\uE006]/g;

/** Hides expression syntax from the YAML parser, keeping offsets. */
export function maskExpressions(text: string): string {
  return text.replace(/\$\{\{[^\n]*?\}\}/g, (expression) => {
    const inner = expression
      .slice(1)
      .replace(/[{}[\],:#]/g, (char) => TO_MASK.get(char) ?? char);
    return `$${inner}`;
  });
}

/** Restores the expression characters in a parsed string value. */
export function unmaskExpressions(value: string): string {
  return value.replace(MASKED, (char) => FROM_MASK.get(char) ?? char);
}
