/**
 * When a chart is fitted: a chart with fewer bars than its width holds at the normal spacing would
 * leave most of its area empty (right-aligned bars), so those bars are spread over the width; a
 * chart with more keeps the normal spacing and shows the newest bars.
 */

/** lightweight-charts' default spacing between bars, px. */
export const DEFAULT_BAR_SPACING_PX = 6;
/** Empty bars kept right of the newest (the time scale's rightOffset). */
export const RIGHT_OFFSET_BARS = 4;

/** Whether `count` bars fit in `widthPx` at the normal spacing, so they are fitted to the width. */
export function fitsWithoutScrolling(count: number, widthPx: number, spacingPx = DEFAULT_BAR_SPACING_PX): boolean {
  if (count <= 0 || widthPx <= 0) return false;
  return (count + RIGHT_OFFSET_BARS) * spacingPx <= widthPx;
}
