/**
 * Checks that no journal record is lost on a connection. The server covers the journal range of
 * a connection without holes: every DataBatch says which range [first_sequence, last_sequence] it
 * covers, and a Heartbeat's scanned_sequence says that everything up to it has been covered (the
 * records in between held none of the connection's ticks). So each batch must start no later than
 * the sequence after the last one covered; the first one no later than the subscription's start
 * (SubscriptionAck.effective_sequence, Snapshot.as_of_sequence + 1).
 *
 * A batch that starts later is a gap: records are missing. A batch that starts earlier covers
 * records again; its ticks are older than what the model holds, so nothing is lost. Before the
 * first batch that is normal (its range may begin with records scanned before the subscription
 * took effect); after it, it is counted as an overlap.
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

export class SequenceTracker {
  private expected: bigint | undefined;
  private batchSeen = false;
  private last: bigint | undefined;
  private gapCount = 0;
  private overlapCount = 0;
  private missedTotal = 0n;
  private latestGap: SequenceGap | undefined;

  /** The newest sequence covered on the current connection (batch, heartbeat or snapshot). */
  get lastSequence(): bigint | undefined {
    return this.last;
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

  /** A new connection: its batches are checked against its own subscription only. */
  reset(): void {
    this.expected = undefined;
    this.batchSeen = false;
    this.last = undefined;
  }

  /**
   * The subscription's live data starts at `next`. Applies until the connection's first batch;
   * from then on the batches and heartbeats themselves say where the stream is.
   */
  startAt(next: bigint): void {
    if (this.batchSeen) {
      return;
    }
    this.expected = next;
    this.advanceLast(next - 1n);
  }

  /** Everything up to `sequence` is covered (Heartbeat.scanned_sequence). */
  onCovered(sequence: bigint): void {
    const next = sequence + 1n;
    if (this.expected === undefined || next > this.expected) {
      this.expected = next;
    }
    this.advanceLast(sequence);
  }

  /** Checks a batch's range; returns the gap if records are missing before it. */
  onBatch(first: bigint, last: bigint): SequenceGap | undefined {
    let gap: SequenceGap | undefined;
    const expected = this.expected;
    if (expected !== undefined && first > expected) {
      gap = { expected, received: first, missed: first - expected };
      this.gapCount++;
      this.missedTotal += gap.missed;
      this.latestGap = gap;
    } else if (expected !== undefined && first < expected && this.batchSeen) {
      this.overlapCount++;
    }
    this.batchSeen = true;
    const next = last + 1n;
    if (expected === undefined || next > expected) {
      this.expected = next;
    }
    this.advanceLast(last);
    return gap;
  }

  private advanceLast(sequence: bigint): void {
    if (this.last === undefined || sequence > this.last) {
      this.last = sequence;
    }
  }
}
