/**
 * The replay in the page's address, so that a link reopens the same moment:
 * `?replay=2026-11-20T14:30:00Z&speed=60` (plus `to=` for the end of a range and `paused=1`).
 * Times are ISO-8601 instants; the speed is a multiple of recorded time or `max`.
 */

/** The speeds the panel offers; 0 is "as fast as the page takes frames" (`max`). */
export const REPLAY_SPEEDS: readonly number[] = [0.25, 1, 10, 60, 100, 1000, 0];

export const DEFAULT_REPLAY_SPEED = 60;

export interface ReplayLink {
  /** Where the replay is (or starts), epoch milliseconds. */
  readonly atMs: number;
  /** Where it ends (exclusive), epoch milliseconds; undefined: the journal's head. */
  readonly toMs?: number;
  /** A multiple of recorded time; 0: as fast as possible. */
  readonly speed: number;
  readonly paused: boolean;
}

export type ReplayLinkResult =
  | { readonly kind: 'none' }
  | { readonly kind: 'ok'; readonly link: ReplayLink }
  | { readonly kind: 'error'; readonly reason: string };

/** Reads the replay from a query string (`location.search`). */
export function parseReplayLink(search: string): ReplayLinkResult {
  const params = new URLSearchParams(search);
  const at = params.get('replay');
  if (at === null || at === '') return { kind: 'none' };
  const atMs = parseInstant(at);
  if (atMs === undefined) {
    return { kind: 'error', reason: `replay=${at}: not an ISO-8601 instant such as 2026-11-20T14:30:00Z` };
  }
  const to = params.get('to');
  let toMs: number | undefined;
  if (to !== null && to !== '') {
    toMs = parseInstant(to);
    if (toMs === undefined) return { kind: 'error', reason: `to=${to}: not an ISO-8601 instant such as 2026-11-20T16:00:00Z` };
    if (toMs <= atMs) return { kind: 'error', reason: `to=${to}: the end must be after replay=${at}` };
  }
  const speedText = params.get('speed');
  const speed = speedText === null || speedText === '' ? DEFAULT_REPLAY_SPEED : parseSpeed(speedText);
  if (speed === undefined) {
    return { kind: 'error', reason: `speed=${speedText ?? ''}: a number from 0.01 to 100000, or max` };
  }
  const paused = params.get('paused') === '1';
  return { kind: 'ok', link: toMs === undefined ? { atMs, speed, paused } : { atMs, toMs, speed, paused } };
}

/** The query string with `link` written in (or the replay removed when undefined); other parameters are kept. */
export function formatReplayLink(search: string, link: ReplayLink | undefined): string {
  const params = new URLSearchParams(search);
  for (const key of ['replay', 'to', 'speed', 'paused']) params.delete(key);
  if (link !== undefined) {
    params.set('replay', formatInstant(link.atMs));
    if (link.toMs !== undefined) params.set('to', formatInstant(link.toMs));
    params.set('speed', formatSpeedParam(link.speed));
    if (link.paused) params.set('paused', '1');
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** "2026-11-20T14:30:00Z", with milliseconds only when there are some. */
export function formatInstant(epochMs: number): string {
  const iso = new Date(Math.floor(epochMs)).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** "60", "0.25", "max". */
export function formatSpeedParam(speed: number): string {
  return speed === 0 ? 'max' : String(speed);
}

/** "60×", "0.25×", "max". */
export function formatSpeed(speed: number): string {
  return speed === 0 ? 'max' : `${speed}×`;
}

export function parseSpeed(text: string): number | undefined {
  if (text === 'max') return 0;
  if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  return value >= 0.01 && value <= 100_000 ? value : undefined;
}

/** An ISO-8601 instant with a zone (Z or ±hh:mm); a time without a zone is ambiguous and refused. */
export function parseInstant(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
  // Date keeps milliseconds; finer digits are dropped
  const value = Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isFinite(value) ? value : undefined;
}
