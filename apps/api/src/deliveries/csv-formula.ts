/** Characters that make a spreadsheet read a cell as a formula (and tab, carriage return). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Prefixes a value that a spreadsheet would run as a formula with a single quote, the escape
 * OWASP recommends against CSV injection; the quote shows as text and nothing runs.
 */
export function escapeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
