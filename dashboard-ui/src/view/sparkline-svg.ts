/**
 * A row's sparkline as a small SVG path. A canvas per row would make every row a composited
 * layer of its own, and with a busy watchlist re-layering them all costs more than drawing them;
 * a path is painted with the table.
 */
import type { Sparkline } from '../model/sparkline.js';

const SVG = 'http://www.w3.org/2000/svg';
/** The drawing's own units; the SVG is stretched to the cell by CSS. */
export const SPARK_WIDTH = 50;
export const SPARK_HEIGHT = 16;
const PAD = 2;

export interface SparklineElement {
  readonly svg: SVGSVGElement;
  readonly base: SVGPathElement;
  readonly line: SVGPathElement;
}

export function createSparkline(): SparklineElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'sparkline');
  svg.setAttribute('viewBox', `0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('aria-hidden', 'true');
  const base = document.createElementNS(SVG, 'path');
  base.setAttribute('class', 'spark-base');
  const line = document.createElementNS(SVG, 'path');
  line.setAttribute('class', 'spark-line flat');
  svg.append(base, line);
  return { svg, base, line };
}

export interface SparklinePaths {
  /** The price line; "" with no points. */
  readonly line: string;
  /** The previous close as a level line, when it is within the range drawn; "" otherwise. */
  readonly base: string;
}

/**
 * The paths of `values` (oldest first) in a SPARK_WIDTH x SPARK_HEIGHT box, scaled to their
 * range, with the previous close in the range when it is near it.
 */
export function sparklinePaths(values: readonly number[], previousClose: number | undefined): SparklinePaths {
  const n = values.length;
  if (n === 0) return { line: '', base: '' };
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const base = previousClose;
  if (base !== undefined && base >= min - (max - min) && base <= max + (max - min)) {
    min = Math.min(min, base);
    max = Math.max(max, base);
  }
  const span = max - min || 1;
  const y = (v: number): string => (PAD + (SPARK_HEIGHT - 2 * PAD) * (1 - (v - min) / span)).toFixed(2);
  // a single point is a level line so far
  const x = (i: number): string => (n === 1 ? (i === 0 ? 0 : SPARK_WIDTH) : (SPARK_WIDTH * i) / (n - 1)).toFixed(2);
  let line = `M${x(0)} ${y(values[0] ?? 0)}`;
  for (let i = 1; i < n; i++) line += `L${x(i)} ${y(values[i] ?? 0)}`;
  if (n === 1) line += `L${x(1)} ${y(values[0] ?? 0)}`;
  const baseLine = base !== undefined && base >= min && base <= max ? `M0 ${y(base)}H${SPARK_WIDTH}` : '';
  return { line, base: baseLine };
}

export function drawSparkline(
  element: SparklineElement,
  spark: Sparkline,
  change: bigint,
  previousClose: bigint | undefined,
): void {
  const values: number[] = [];
  for (let i = 0; i < spark.length; i++) values.push(spark.value(i));
  const paths = sparklinePaths(values, previousClose !== undefined ? Number(previousClose) : undefined);
  element.line.setAttribute('d', paths.line);
  element.base.setAttribute('d', paths.base);
  element.line.setAttribute('class', `spark-line ${change > 0n ? 'up' : change < 0n ? 'down' : 'flat'}`);
}
