/**
 * The names of what the user picks for the screen that views draw and the page stores: the
 * watchlist's sort and the zone of the times. Here, below both, so views never import the page's
 * wiring to know them.
 */
export type SortKey = 'symbol' | 'last' | 'change' | 'changePercent' | 'volume';
export type SortDirection = 'asc' | 'desc';
/** Times in the exchange's zone or the browser's. */
export type ZoneMode = 'exchange' | 'local';
