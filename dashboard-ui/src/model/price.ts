/**
 * Exact formatting of integer prices.
 *
 * A price is an integer number of units of 10^-decimals (see Instrument.price_decimals), held as
 * a bigint. Formatting works on the decimal digits of that integer, so no value is ever rounded
 * through a float.
 */

/** How the prices of one instrument are written. */
export interface PriceScale {
  /** Prices are integers in units of 10^-decimals. */
  readonly decimals: number;
  /** The fewest decimals shown: as many as the price increment needs. */
  readonly displayDecimals: number;
}

/**
 * The scale of an instrument whose prices have `priceDecimals` decimals and move in steps of
 * `priceIncrement` units: an increment of 100 with 4 decimals is 0.01, so 2 decimals are shown.
 */
export function priceScale(priceDecimals: number, priceIncrement: bigint): PriceScale {
  const decimals = Math.max(0, Math.trunc(priceDecimals));
  return { decimals, displayDecimals: displayDecimalsFor(decimals, priceIncrement) };
}

/** The decimals a price increment needs: 4 decimals with increment 100 (0.01) need 2. */
export function displayDecimalsFor(decimals: number, priceIncrement: bigint): number {
  if (priceIncrement <= 0n) {
    return decimals;
  }
  let shown = decimals;
  let step = priceIncrement;
  while (shown > 0 && step % 10n === 0n) {
    step /= 10n;
    shown--;
  }
  return shown;
}

/**
 * Writes `units` with at least `displayDecimals` decimals. A price off the increment's grid keeps
 * the extra digits it needs (never hidden, never rounded): 1234567 at 4 decimals with display 2 is
 * "123.4567".
 */
export function formatPrice(units: bigint, scale: PriceScale): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale.decimals + 1, '0');
  const integerPart = digits.slice(0, digits.length - scale.decimals);
  const fraction = digits.slice(digits.length - scale.decimals);
  let end = fraction.length;
  while (end > scale.displayDecimals && fraction.charCodeAt(end - 1) === 48 /* '0' */) {
    end--;
  }
  const shown = fraction.slice(0, end);
  return (negative ? '-' : '') + integerPart + (shown.length > 0 ? '.' + shown : '');
}

/** A price difference with its sign: "+1.25", "-0.40", "0.00". */
export function formatChange(delta: bigint, scale: PriceScale): string {
  return (delta > 0n ? '+' : '') + formatPrice(delta, scale);
}

/**
 * `change` as a percentage of `reference`, with two decimals, rounded half away from zero:
 * "+1.23%", "-0.05%", "0.00%". Empty when there is no reference to compare with.
 */
export function formatChangePercent(change: bigint, reference: bigint): string {
  if (reference === 0n) {
    return '';
  }
  const base = reference < 0n ? -reference : reference;
  const negative = change < 0n;
  const magnitude = negative ? -change : change;
  // hundredths of a percent: change / base * 100 * 100, rounded half up on the magnitude
  const hundredths = (magnitude * 20000n + base) / (2n * base);
  const digits = hundredths.toString().padStart(3, '0');
  const sign = hundredths === 0n ? '' : negative ? '-' : '+';
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}%`;
}
