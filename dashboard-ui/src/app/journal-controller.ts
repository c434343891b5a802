/**
 * The journal's range (`/api/journal`: its first and newest record) for the replay's start picker
 * and timeline, asked for when the replay panel is first used and again while a replay runs (the
 * journal grows); and the watchlist's sparklines, seeded from the journal's newest day once the
 * range is known (so a recorded journal seeds from its own session, not the browser's today), at
 * the finest interval that fills them.
 */
import type { Clock } from '../connection/clock.js';
import type { MarketModel } from '../model/market-model.js';
import { sparkSeed } from '../model/spark-seed.js';
import { fetchBars, fetchJournalRange, type FetchLike } from '../protocol/http-api.js';
import { journalBounds, type JournalBounds } from '../replay/journal-range.js';

/** How often the journal's range is asked for again during a replay. */
export const JOURNAL_REFRESH_MS = 5_000;

export interface JournalOptions {
  readonly fetch: FetchLike;
  readonly baseUrl: string;
  readonly clock: Clock;
  readonly liveModel: MarketModel;
  /** Whether sparklines may be seeded now (the catalogue came from the API, no replay shown). */
  readonly canSeed: () => boolean;
  readonly watchlist: () => readonly string[];
  readonly onChange: () => void;
}

export class JournalController {
  /** The journal's first and newest record; undefined until known. */
  bounds: JournalBounds | undefined;
  private loading = false;
  private askedAtMs = Number.NEGATIVE_INFINITY;
  private readonly seeded = new Set<string>();
  /** False once the server says it has no bars: no sparkline is seeded then. */
  private history = true;

  constructor(private readonly options: JournalOptions) {}

  /** Whether the range was asked for at least once. */
  get asked(): boolean {
    return this.askedAtMs !== Number.NEGATIVE_INFINITY;
  }

  /** During a replay, asks for the range again when it is older than JOURNAL_REFRESH_MS. */
  refreshIfOld(nowMs: number): void {
    if (nowMs - this.askedAtMs >= JOURNAL_REFRESH_MS) void this.load();
  }

  async load(): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    this.askedAtMs = this.options.clock.now();
    try {
      const result = await fetchJournalRange(this.options.fetch, this.options.baseUrl);
      if (result.kind === 'ok') {
        this.bounds = journalBounds(result.value);
        this.seedSparklines();
        this.options.onChange();
      }
    } finally {
      this.loading = false;
    }
  }

  /** Seeds the sparklines of the watched symbols not seeded yet. */
  seedSparklines(): void {
    const journal = this.bounds;
    if (!this.history || journal === undefined || !this.options.canSeed()) return;
    for (const symbol of this.options.watchlist()) {
      if (this.seeded.has(symbol)) continue;
      this.seeded.add(symbol);
      const row = this.options.liveModel.rowBySymbol(symbol);
      if (row === undefined) continue;
      const seed = sparkSeed(journal.headMs, journal.firstMs, row.instrument?.timeZone, row.spark.capacity);
      void fetchBars(this.options.fetch, this.options.baseUrl, { symbol, interval: seed.interval, fromMs: seed.fromMs, limit: seed.limit }).then((result) => {
        if (result.kind === 'unavailable') {
          this.history = false;
        } else if (result.kind === 'ok') {
          const points = result.value.bars.map((bar) => [Number(bar.startTimeNs / 1_000_000n), Number(bar.close)] as [number, number]);
          // the live trades that came meanwhile go on top, at their own time
          const lastMs = row.updatedNs === undefined ? undefined : Number(row.updatedNs / 1_000_000n);
          row.spark.reset(seed.bucketMs, points);
          if (row.lastPrice !== undefined && lastMs !== undefined) row.spark.add(lastMs, Number(row.lastPrice));
          this.options.onChange();
        }
      });
    }
  }
}
