/**
 * Checks that no journal record is lost, on one connection and across a resumed one.
 *
 * The server covers the journal without holes: every DataBatch says which range
 * [first_sequence, last_sequence] it covers, and a Heartbeat's scanned_sequence says that
 * everything up to it has been covered (the records in between held nothing for the
 * subscription). The client keeps `covered`, the last sequence it has been told about; each
 * batch must start at covered + 1.
 *
 * Where coverage starts:
 * - a fresh subscription starts at SubscriptionAck.effective_sequence (the first batch may begin
 *   earlier, with records scanned before the subscription took effect: that is normal);
 * - a resumed one continues the previous connection's `covered`: its first batch must start at
 *   covered + 1 exactly.
 * Heartbeats before the subscription took effect say nothing about it and are ignored.
 *
 * A batch that starts later than due is a gap: records are missing. One that starts earlier
 * (after the first) covers records again; that is counted as an overlap, nothing is lost.
 */

/** A batch that started later than the sequence due. */
export interface SequenceGap {
  /** The first_sequence that was due. */
  readonly expected: bigint;
  /** The first_sequence that arrived. */
  readonly received: bigint;
  /** Records missing: received - expected. */
  readonly missed: bigint;
}

export type StartMode = 'fresh' | 'resume';

export class SequenceTracker {
  private expected: bigint | undefined;
  private covered: bigint | undefined;
  private started = false;
  private mode: StartMode = 'fresh';
  private batchSeen = false;
  private gapCount = 0;
  private overlapCount = 0;
  private missedTotal = 0n;
  private latestGap: SequenceGap | undefined;

  /** The newest sequence covered (kept across connections, for a resume). */
  get lastSequence(): bigint | undefined {
    return this.covered;
  }

  /** Whether the current connection's subscription has taken effect. */
  get isStarted(): boolean {
    return this.started;
  }

  /** Gaps seen since the page loaded (kept across reconnects). */
  get gaps(): number {
    return this.gapCount;
  }

  /** Records known to be missing, added up over all gaps. */
  get missed(): bigint {
    return this.missedTotal;
  }

  get lastGap(): SequenceGap | undefined {
    return this.latestGap;
  }

  /** Batches that went back over records already covered, after the first batch. */
  get overlaps(): number {
    return this.overlapCount;
  }

  /** A new connection opens: nothing counts until its subscription takes effect. */
  beginConnection(): void {
    this.started = false;
    this.batchSeen = false;
  }

  /**
   * The connection's first subscription took effect at `effective` (SubscriptionAck). Later acks
   * on the same connection (more symbols) do not move coverage. Returns the gap a resume left,
   * if the server resumed later than asked.
   */
  onSubscribed(effective: bigint, mode: StartMode): SequenceGap | undefined {
    if (this.started) {
      return undefined;
    }
    this.started = true;
    this.mode = mode;
    if (mode === 'resume' && this.covered !== undefined) {
      const due = this.covered + 1n;
      this.expected = due;
      // 0 is proto3's "not set"
      if (effective > due) {
        return this.recordGap(due, effective);
      }
      return undefined;
    }
    if (effective > 0n) {
      this.expected = effective;
      this.covered = effective - 1n;
    } else {
      this.expected = undefined;
    }
    return undefined;
  }

  /**
   * Coverage starts exactly at `first` (a replay segment): the next batch must start there, and
   * nothing before it counts.
   */
  restartAt(first: bigint): void {
    this.started = true;
    this.mode = 'resume';
    this.batchSeen = false;
    this.expected = first;
    this.covered = first - 1n;
  }

  /** Everything up to `sequence` is covered (Heartbeat.scanned_sequence). */
  onHeartbeat(sequence: bigint): void {
    if (!this.started) {
      return;
    }
    const next = sequence + 1n;
    if (this.expected === undefined || next > this.expected) {
      this.expected = next;
    }
    this.advance(sequence);
  }

  /** Checks a batch's range; returns the gap if records are missing before it. */
  onBatch(first: bigint, last: bigint): SequenceGap | undefined {
    let gap: SequenceGap | undefined;
    const expected = this.expected;
    if (this.started && expected !== undefined) {
      if (first > expected) {
        gap = this.recordGap(expected, first);
      } else if (first < expected && (this.batchSeen || this.mode === 'resume')) {
        this.overlapCount++;
      }
    }
    this.batchSeen = true;
    const next = last + 1n;
    if (this.expected === undefined || next > this.expected) {
      this.expected = next;
    }
    this.advance(last);
    return gap;
  }

  private recordGap(expected: bigint, received: bigint): SequenceGap {
    const gap = { expected, received, missed: received - expected };
    this.gapCount++;
    this.missedTotal += gap.missed;
    this.latestGap = gap;
    return gap;
  }

  private advance(sequence: bigint): void {
    if (this.covered === undefined || sequence > this.covered) {
      this.covered = sequence;
    }
  }
}
