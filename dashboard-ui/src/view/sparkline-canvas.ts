/** Draws a sparkline into a small canvas, sharp on high-density screens. */
import type { Sparkline } from '../model/sparkline.js';

const UP = '#2ebd85';
const DOWN = '#f6465d';
const FLAT = '#7d8b9c';
const BASE = 'rgba(125, 139, 156, 0.35)';

export function drawSparkline(
  canvas: HTMLCanvasElement,
  spark: Sparkline,
  change: bigint,
  previousClose: bigint | undefined,
): void {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || 64;
  const height = canvas.clientHeight || 18;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const context = canvas.getContext('2d');
  if (context === null) return;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  const n = spark.length;
  if (n === 0) return;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = spark.value(i);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const base = previousClose !== undefined ? Number(previousClose) : undefined;
  if (base !== undefined && base >= min - (max - min) && base <= max + (max - min)) {
    min = Math.min(min, base);
    max = Math.max(max, base);
  }
  const span = max - min || 1;
  const pad = 2;
  const y = (v: number): number => pad + (height - 2 * pad) * (1 - (v - min) / span);
  // a single point is a level line so far
  const x = (i: number): number => (n === 1 ? (i === 0 ? 0 : width - 1) : ((width - 1) * i) / (n - 1));
  if (base !== undefined && base >= min && base <= max) {
    context.strokeStyle = BASE;
    context.lineWidth = 1;
    context.setLineDash([2, 2]);
    context.beginPath();
    context.moveTo(0, Math.round(y(base)) + 0.5);
    context.lineTo(width, Math.round(y(base)) + 0.5);
    context.stroke();
    context.setLineDash([]);
  }
  context.strokeStyle = change > 0n ? UP : change < 0n ? DOWN : FLAT;
  context.lineWidth = 1.25;
  context.beginPath();
  for (let i = 0; i < n; i++) {
    const px = x(i);
    const py = y(spark.value(i));
    if (i === 0) context.moveTo(px, py);
    else context.lineTo(px, py);
  }
  if (n === 1) context.lineTo(x(1), y(spark.value(0)));
  context.stroke();
}
