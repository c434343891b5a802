package dev.ticker.server.bars;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;
import dev.ticker.proto.v1.BarHistory;
import dev.ticker.proto.v1.Instrument;

/**
 * Answers a bar history from the {@link BarStore} the stream agent keeps and, for the part older than
 * the bars it holds, from the journal itself, so that {@code /api/bars} serves bars of any age with
 * the one bar computation ({@link BarStore}, as {@code ticker bars} does). The two parts meet at the
 * store's {@link BarStore#completeFromNs seam}: the journal gives the bars starting before it, the
 * store those starting at or after it, so no bar is missing or counted twice.
 *
 * <p>The journal part is bounded: it is found with the journal's time index (no scan from the
 * start), its records are counted before any is read, and a request that would read more than
 * {@code maxJournalRecords} is refused. It runs on the calling (HTTP worker) thread with its own
 * tailer; the stream agents never wait for it.
 */
public final class BarHistoryReader
{
    private final TickJournal journal;
    private final BarStore memory;
    private final long maxJournalRecords;

    /** The journal records a request needs, counted before it is read, and where the store takes over. */
    public record Plan(long seamNs, long firstSequence, long endSequence)
    {
        /** Journal records (of every instrument) between the request's start and the seam. */
        public long records()
        {
            return Math.max(0, endSequence - firstSequence);
        }
    }

    public BarHistoryReader(final TickJournal journal, final BarStore memory, final long maxJournalRecords)
    {
        this.journal = journal;
        this.memory = memory;
        this.maxJournalRecords = maxJournalRecords;
    }

    public long maxJournalRecords()
    {
        return maxJournalRecords;
    }

    /**
     * Where the request [fromNs, toNs) meets the store, and how many journal records lie before it;
     * no records when the store holds the whole range.
     */
    public Plan plan(final Instrument instrument, final int interval, final long fromNs, final long toNs)
    {
        final long seamNs = memory.completeFromNs(instrument.getId(), interval);
        if (fromNs >= seamNs)
        {
            return new Plan(seamNs, 0, 0);
        }
        try (TickTailer tailer = journal.tailer())
        {
            final long first = tailer.moveToTime(fromNs);
            final long end = tailer.moveToTime(Math.min(seamNs, toNs));
            return new Plan(seamNs, first, end);
        }
    }

    /**
     * The newest {@code limit} bars starting in [fromNs, toNs), oldest first: those the store holds,
     * preceded by those the journal gives before the plan's seam when the store's are fewer.
     */
    public BarHistory history(final Plan plan, final Instrument instrument, final int interval,
        final long fromNs, final long toNs, final int limit)
    {
        final BarHistory held = memory.history(instrument, interval, Math.max(fromNs, plan.seamNs()), toNs, limit);
        final int needed = limit - held.getBarsCount();
        if (needed <= 0 || plan.records() == 0)
        {
            return held;
        }
        final long endNs = Math.min(plan.seamNs(), toNs);
        final BarStore older = new BarStore(needed);
        older.onCatalog(journal.instruments());
        final int id = instrument.getId();
        final Tick tick = new Tick();
        long lastRead = plan.firstSequence() - 1;
        try (TickTailer tailer = journal.tailer())
        {
            if (tailer.moveToSequence(plan.firstSequence()))
            {
                // bounded by the count the plan was checked against: the journal only grows after it
                for (long n = plan.records(); n > 0 && tailer.readNext(tick) && tick.eventTimeNs < endNs; n--)
                {
                    lastRead = tick.sequence;
                    if (tick.instrumentId == id && tick.isTrade())
                    {
                        older.onTrade(tick);
                    }
                }
            }
        }
        older.scannedSequence(lastRead);
        final BarHistory journalPart = older.history(instrument, interval, fromNs, endNs, needed);
        return BarHistory.newBuilder(journalPart)
            .addAllBars(held.getBarsList())
            .setLastSequence(toNs > plan.seamNs() ? held.getLastSequence() : journalPart.getLastSequence())
            .build();
    }
}
