/**
 * Where a replay can start and seek: the journal's range from `GET /api/journal`, in whole
 * milliseconds that lie inside it (the first record's time rounded up, the newest one's rounded
 * down), so that a time the page sends is never refused as outside the journal.
 */
import type { JournalRange } from '../gen/ticker/v1/market_pb.js';
import { sessionOpenAtOrBefore, type Zone } from '../model/zoned-time.js';

export interface JournalBounds {
  /** The first whole millisecond at or after the journal's first record. */
  readonly firstMs: number;
  /** The last whole millisecond at or before its newest record (never before firstMs). */
  readonly headMs: number;
}

const NS_PER_MS = 1_000_000n;

/** The bounds of a range the server answered; undefined while the journal is empty. */
export function journalBounds(range: JournalRange): JournalBounds | undefined {
  if (range.headSequence === 0n || range.firstSequence === 0n) return undefined;
  const firstMs = Number((range.firstTimeNs + NS_PER_MS - 1n) / NS_PER_MS);
  const headMs = Number(range.headTimeNs / NS_PER_MS);
  return { firstMs, headMs: Math.max(firstMs, headMs) };
}

/** `ms` moved into the journal (unchanged when the journal is not known). */
export function clampToJournal(ms: number, bounds: JournalBounds | undefined): number {
  if (bounds === undefined) return ms;
  return Math.min(Math.max(Math.round(ms), bounds.firstMs), bounds.headMs);
}

export interface TimelineInput {
  readonly bounds: JournalBounds | undefined;
  /** The replay's start and end as the server confirmed them, 0n when not yet. */
  readonly fromNs: bigint;
  readonly toNs: bigint;
  /** The replay clock, epoch ms (0: none yet). */
  readonly clockMs: number;
  /** The server's time now, the end when nothing else is known. */
  readonly liveEdgeMs: number;
}

/**
 * The timeline's ends during a replay: from the journal's first record to the replay's end (a seek
 * beyond it is refused), both inside the journal; without the journal's range, from the replay's
 * start (or its clock) to its end or the live edge. Undefined when nothing says where it starts.
 */
export function replayTimeline(input: TimelineInput): { readonly minMs: number; readonly maxMs: number } | undefined {
  const toMs = input.toNs > 0n ? Number(input.toNs / NS_PER_MS) : undefined;
  if (input.bounds !== undefined) {
    const maxMs = clampToJournal(toMs ?? input.bounds.headMs, input.bounds);
    return { minMs: input.bounds.firstMs, maxMs };
  }
  const starts = [input.fromNs > 0n ? Number((input.fromNs + NS_PER_MS - 1n) / NS_PER_MS) : Infinity, input.clockMs > 0 ? input.clockMs : Infinity];
  const minMs = Math.min(...starts);
  if (!Number.isFinite(minMs)) return undefined;
  return { minMs, maxMs: Math.max(minMs, toMs ?? input.liveEdgeMs) };
}

/** An instrument's session: when it opens, in its zone. */
export interface SessionHours {
  readonly zone: Zone;
  /** Minutes after local midnight. */
  readonly openMinute: number;
}

/** Without session hours, a replay starts this long before the journal's newest record. */
export const DEFAULT_REPLAY_WINDOW_MS = 3_600_000;

/**
 * Where a replay starts unless the user says otherwise: the open of the newest session in the
 * journal (of the charted instrument), moved into the journal; without session hours, an hour
 * before its newest record. Never the newest record itself, which would replay nothing.
 */
export function defaultReplayStart(bounds: JournalBounds | undefined, liveEdgeMs: number, session: SessionHours | undefined): number {
  const headMs = bounds?.headMs ?? liveEdgeMs;
  const start = session === undefined ? headMs - DEFAULT_REPLAY_WINDOW_MS : sessionOpenAtOrBefore(headMs, session.zone, session.openMinute);
  // whole seconds, as the field shows them (rounded up, so not before the first record)
  return clampToJournal(Math.ceil(clampToJournal(start, bounds) / 1000) * 1000, bounds);
}
