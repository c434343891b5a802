import { create } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { JournalRangeSchema } from '../src/gen/ticker/v1/market_pb.js';
import { fetchJournalRange, type FetchLike } from '../src/protocol/http-api.js';
import { clampToJournal, defaultReplayStart, journalBounds, replayTimeline } from '../src/replay/journal-range.js';

// the journal of the browser test: midnight of its day lies well before its first record
const FIRST_NS = 1_795_291_657_020_500_000n; // 2026-11-21T19:57:37.0205Z
const HEAD_NS = 1_795_291_670_880_999_999n; // 2026-11-21T19:57:50.880999999Z
const RANGE = create(JournalRangeSchema, { firstSequence: 1n, firstTimeNs: FIRST_NS, headSequence: 100_792n, headTimeNs: HEAD_NS });
const DAY_START_MS = Date.UTC(2026, 10, 21);

function answer(status: number, body: unknown): FetchLike {
  return async () => ({ ok: status >= 200 && status < 300, status, statusText: 'OK', json: async () => body });
}

describe('journal range', () => {
  it('shouldBoundInWholeMillisecondsThatTheJournalHolds', () => {
    const bounds = journalBounds(RANGE);
    // rounded up at the start and down at the end: a time sent as ms × 10^6 is never outside
    expect(bounds).toEqual({ firstMs: 1_795_291_657_021, headMs: 1_795_291_670_880 });
    expect(BigInt(bounds!.firstMs) * 1_000_000n >= FIRST_NS).toBe(true);
    expect(BigInt(bounds!.headMs) * 1_000_000n <= HEAD_NS).toBe(true);
  });

  it('shouldKnowNoBoundsOfAnEmptyJournal', () => {
    expect(journalBounds(create(JournalRangeSchema, {}))).toBeUndefined();
    expect(clampToJournal(DAY_START_MS, undefined)).toBe(DAY_START_MS);
  });

  it('shouldClampAStartBeforeTheFirstRecordOrAfterTheNewestIntoTheJournal', () => {
    const bounds = journalBounds(RANGE);
    expect(clampToJournal(DAY_START_MS, bounds)).toBe(1_795_291_657_021);
    expect(clampToJournal(1_795_291_657_000, bounds)).toBe(1_795_291_657_021); // the field's whole second
    expect(clampToJournal(1_795_291_660_000, bounds)).toBe(1_795_291_660_000);
    expect(clampToJournal(1_795_291_999_000, bounds)).toBe(1_795_291_670_880);
  });

  it('shouldSpanTheTimelineFromTheFirstRecordToTheReplaysEndNotFromTheDayBoundary', () => {
    const bounds = journalBounds(RANGE);
    const live = { bounds, fromNs: 1_795_291_660_000_000_000n, clockMs: 1_795_291_661_000, liveEdgeMs: 1_795_291_700_000 };
    // a replay up to the head: the head, not the live edge after it
    expect(replayTimeline({ ...live, toNs: HEAD_NS })).toEqual({ minMs: 1_795_291_657_021, maxMs: 1_795_291_670_880 });
    // a replay with an end before the head: a seek beyond it would be refused
    expect(replayTimeline({ ...live, toNs: 1_795_291_665_000_000_000n })).toEqual({ minMs: 1_795_291_657_021, maxMs: 1_795_291_665_000 });
    // the end not confirmed yet: the journal's newest record
    expect(replayTimeline({ ...live, toNs: 0n })).toEqual({ minMs: 1_795_291_657_021, maxMs: 1_795_291_670_880 });
  });

  it('shouldSpanTheTimelineFromTheReplaysStartWhileTheJournalIsNotKnown', () => {
    const input = { bounds: undefined, fromNs: 1_795_291_660_000_000_000n, toNs: 0n, clockMs: 1_795_291_661_000, liveEdgeMs: 1_795_291_700_000 };
    expect(replayTimeline(input)).toEqual({ minMs: 1_795_291_660_000, maxMs: 1_795_291_700_000 });
    expect(replayTimeline({ ...input, fromNs: 0n, clockMs: 0 })).toBeUndefined();
  });

  it('shouldReadTheRangeInTheProto3JsonMapping', async () => {
    const result = await fetchJournalRange(
      answer(200, { firstSequence: '1', firstTimeNs: String(FIRST_NS), headSequence: '100792', headTimeNs: String(HEAD_NS) }),
      'http://127.0.0.1:8080/',
    );
    expect(result).toEqual({ kind: 'ok', value: RANGE });
    expect(await fetchJournalRange(answer(404, null), 'http://127.0.0.1:8080/')).toEqual({ kind: 'unavailable', status: 404 });
  });
});

describe('defaultReplayStart', () => {
  // a generated day: 2026-11-20 from 23:00 UTC the day before to midnight UTC after it
  const DAY = { firstMs: Date.UTC(2026, 10, 19, 23), headMs: Date.UTC(2026, 10, 21) };
  const NEW_YORK = { zone: 'America/New_York', openMinute: 9 * 60 + 30 };

  it('shouldStartAtTheOpenOfTheNewestSessionInTheJournal', () => {
    // 19:00 in New York: the session opened at 09:30 (14:30 UTC)
    expect(defaultReplayStart(DAY, 0, NEW_YORK)).toBe(Date.UTC(2026, 10, 20, 14, 30));
  });

  it('shouldTakeThePreviousDaysOpenWhenTodaysIsStillToCome', () => {
    // 08:00 in New York on the 21st: the newest open is the 20th's
    const early = { firstMs: DAY.firstMs, headMs: Date.UTC(2026, 10, 21, 13) };
    expect(defaultReplayStart(early, 0, NEW_YORK)).toBe(Date.UTC(2026, 10, 20, 14, 30));
  });

  it('shouldStartAtTheJournalsFirstRecordWhenTheSessionOpenedBeforeIt', () => {
    const recent = { firstMs: Date.UTC(2026, 10, 20, 18, 0, 0, 250), headMs: Date.UTC(2026, 10, 20, 18, 5) };
    expect(defaultReplayStart(recent, 0, NEW_YORK)).toBe(Date.UTC(2026, 10, 20, 18, 0, 1));
  });

  it('shouldStartAnHourBeforeTheNewestRecordWithoutSessionHours', () => {
    expect(defaultReplayStart(DAY, 0, undefined)).toBe(DAY.headMs - 3_600_000);
    expect(defaultReplayStart(undefined, Date.UTC(2026, 10, 20, 15), undefined)).toBe(Date.UTC(2026, 10, 20, 14));
  });
});
