/** An exact decimal: (negative ? -1 : 1) × digits × 10^-scale, with no trailing fraction zeros. */
export interface Decimal {
  readonly negative: boolean;
  /** Decimal digits without leading zeros; `0` for zero. */
  readonly digits: string;
  readonly scale: number;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?$/;

/**
 * Parses plain or exponent notation (`0.001`, `-11062.06`, `.5`, `1e-7`) without going through
 * a float. Returns null when `text` is not a number.
 */
export function parseDecimal(text: string): Decimal | null {
  const match = DECIMAL.exec(text);
  if (match === null) return null;
  const whole = match[2] ?? '';
  const fraction = match[3] ?? '';
  if (whole.length + fraction.length === 0) return null;
  let digits = (whole + fraction).replace(/^0+/, '');
  if (digits === '') return { negative: false, digits: '0', scale: 0 };
  let scale = fraction.length - Number(match[4] ?? 0);
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  const trailing = /0+$/.exec(digits);
  const drop = Math.min(scale, trailing === null ? 0 : trailing[0].length);
  if (drop > 0) {
    digits = digits.slice(0, -drop);
    scale -= drop;
  }
  return { negative: match[1] === '-', digits, scale };
}

/** Canonical text: `8.4`, `0.001`, `-11062.06`, `12`. */
export function formatDecimal(value: Decimal): string {
  const sign = value.negative ? '-' : '';
  if (value.scale === 0) return sign + value.digits;
  const padded = value.digits.padStart(value.scale + 1, '0');
  return `${sign}${padded.slice(0, -value.scale)}.${padded.slice(-value.scale)}`;
}
