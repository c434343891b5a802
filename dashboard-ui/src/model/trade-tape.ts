/**
 * The latest trades of the chart's instrument, newest first, in a ring of fixed capacity: pushing
 * a trade overwrites the oldest entry in place, so a busy symbol costs no allocation per trade.
 * A break in the stream (a gap, or a restart from a fresh snapshot) is an entry of its own, so
 * the tape never pretends to be complete across it.
 */
import { Side } from '../gen/ticker/v1/market_pb.js';

export interface TapeEntry {
  /** 'trade', or 'break' for a point where trades may be missing. */
  kind: 'trade' | 'break';
  sequence: bigint;
  eventTimeNs: bigint;
  price: bigint;
  size: bigint;
  side: Side;
  /** For a break: what happened. */
  note: string;
}

export const DEFAULT_TAPE_CAPACITY = 200;

export class TradeTape {
  private readonly ring: TapeEntry[];
  private head = 0;
  private size = 0;
  private changes = 0;
  private added = 0;
  private rewrites = 0;

  constructor(readonly capacity: number = DEFAULT_TAPE_CAPACITY) {
    this.ring = Array.from({ length: capacity }, () => ({
      kind: 'trade' as const,
      sequence: 0n,
      eventTimeNs: 0n,
      price: 0n,
      size: 0n,
      side: Side.UNSPECIFIED,
      note: '',
    }));
  }

  get length(): number {
    return this.size;
  }

  /** Bumps on every change. */
  get version(): number {
    return this.changes;
  }

  /** Entries added since the tape was made: a view adds the newest `total - seen` on top. */
  get total(): number {
    return this.added;
  }

  /** Bumps when held entries change (cleared, or a break's note rewritten): redraw all. */
  get epoch(): number {
    return this.rewrites;
  }

  /** The sequence of the newest trade held (0 when none). */
  get newestSequence(): bigint {
    for (let i = 0; i < this.size; i++) {
      const entry = this.at(i);
      if (entry.kind === 'trade') return entry.sequence;
    }
    return 0n;
  }

  push(sequence: bigint, eventTimeNs: bigint, price: bigint, size: bigint, side: Side): void {
    const entry = this.next();
    entry.kind = 'trade';
    entry.sequence = sequence;
    entry.eventTimeNs = eventTimeNs;
    entry.price = price;
    entry.size = size;
    entry.side = side;
    entry.note = '';
  }

  /** Marks that trades may be missing here; a break right after a break is not repeated. */
  markBreak(note: string): void {
    if (this.size === 0) return;
    const newest = this.at(0);
    if (newest.kind === 'break') {
      newest.note = note;
      this.changes++;
      this.rewrites++;
      return;
    }
    const entry = this.next();
    entry.kind = 'break';
    entry.sequence = 0n;
    entry.eventTimeNs = 0n;
    entry.note = note;
  }

  /** The `index`-th newest entry (0: the newest); index must be below length. */
  at(index: number): TapeEntry {
    const slot = (this.head - 1 - index + this.capacity * 2) % this.capacity;
    return this.ring[slot] as TapeEntry;
  }

  clear(): void {
    this.size = 0;
    this.changes++;
    this.rewrites++;
  }

  private next(): TapeEntry {
    const entry = this.ring[this.head] as TapeEntry;
    this.head = (this.head + 1) % this.capacity;
    if (this.size < this.capacity) this.size++;
    this.changes++;
    this.added++;
    return entry;
  }
}
