package dev.ticker.server.bars;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickDescriptor;
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
 * start), its records are counted before any is read, and a request never reads more than
 * {@code maxJournalRecords}: a range from {@code from} that needs more is refused; a page back from
 * {@code to} ({@link #planPageBack}) reads the newest records before it, at most that many. It runs
 * on the calling (HTTP worker) thread with its own tailer; the stream agents never wait for it.
 *
 * <p>Every answer says where to page back from ({@code BarHistory.older_to_ns}), so that a client
 * reaches the journal's first record one page after the other without guessing.
 */
public final class BarHistoryReader
{
    private final TickJournal journal;
    private final BarStore memory;
    private final long maxJournalRecords;

    /**
     * What answering a request takes, decided before any journal record is read: the kept bars
     * ({@code held}, those starting at or after the seam) and, when they are fewer than the limit,
     * the journal records [firstSequence, endSequence), read up to {@code readEndNs}, whose bars
     * starting in [barsFromNs, min(readEndNs, toNs)) come before the held ones.
     *
     * @param barsFromNs       the request's {@code from}; for a page back, the first bar boundary after
     *                         the oldest record it reads (a record before it may share its bar), or
     *                         {@link Long#MIN_VALUE} when that is the journal's first.
     * @param fromJournalStart no record is older than the records read: nothing older to page back to.
     * @param neededRecords    for a page back whose records cannot hold one whole bar, while the
     *                         journal holds older ones: the records a request would need; else 0.
     */
    public record Plan(BarHistory held, long seamNs, long toNs, long barsFromNs, long readEndNs,
        long firstSequence, long endSequence, boolean fromJournalStart, long neededRecords)
    {
        /** Journal records (of every instrument) the request reads. */
        public long records()
        {
            return Math.max(0, endSequence - firstSequence);
        }

        /** Whether the records a page back may read cannot hold one whole bar, while the journal holds older ones. */
        public boolean holdsNoWholeBar()
        {
            return neededRecords > 0;
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
     * The kept bars only: the newest {@code limit} starting in [fromNs, toNs), with where to page
     * back from. Never reads the journal.
     */
    public BarHistory held(final Instrument instrument, final int interval, final long fromNs, final long toNs, final int limit)
    {
        final long seamNs = memory.completeFromNs(instrument.getId(), interval);
        final BarHistory held = memory.history(instrument, interval, fromNs, toNs, limit);
        final long olderToNs;
        if (held.getBarsCount() >= limit)
        {
            // a bar older than the seam may lack trades: page back from the seam to have it whole
            olderToNs = Math.max(held.getBars(0).getStartTimeNs(), seamNs);
        }
        else if (fromNs > seamNs)
        {
            olderToNs = fromNs;
        }
        else
        {
            olderToNs = 0 == maxJournalRecords || Long.MIN_VALUE == seamNs ? 0 : seamNs;
        }
        return held.toBuilder().setOlderToNs(olderToNs).build();
    }

    /**
     * The plan of a request [fromNs, toNs): where it meets the store, and the journal records before
     * the seam it needs (none when the store holds the whole range), counted, not read.
     */
    public Plan plan(final Instrument instrument, final int interval, final long fromNs, final long toNs, final int limit)
    {
        final long seamNs = memory.completeFromNs(instrument.getId(), interval);
        final BarHistory held = memory.history(instrument, interval, Math.max(fromNs, seamNs), toNs, limit);
        final long readEndNs = Math.min(seamNs, toNs);
        try (TickTailer tailer = journal.tailer())
        {
            final long journalFirst = tailer.firstSequence();
            final long first = tailer.moveToTime(fromNs);
            final boolean fromJournalStart = TickDescriptor.NO_SEQUENCE == journalFirst || first <= journalFirst;
            if (fromNs >= seamNs)
            {
                return new Plan(held, seamNs, toNs, fromNs, readEndNs, 0, 0, fromJournalStart, 0);
            }
            return new Plan(held, seamNs, toNs, fromNs, readEndNs, first, tailer.moveToTime(readEndNs), fromJournalStart, 0);
        }
    }

    /**
     * A page back from {@code toNs}: the kept bars before it and, when they are fewer than
     * {@code limit}, the journal records a page may read before the older of the seam and the end
     * of the bar holding {@code toNs}, found by the journal's time index and counted by sequence.
     */
    public Plan planPageBack(final Instrument instrument, final int interval, final long toNs, final int limit)
    {
        final long seamNs = memory.completeFromNs(instrument.getId(), interval);
        final BarHistory held = memory.history(instrument, interval, seamNs, toNs, limit);
        final DayWindow day = new DayWindow(DayWindow.zoneOf(instrument.getTimeZone()));
        // the bar holding toNs starts before it: read to its end so that it is whole
        final long endNs = Math.min(seamNs, BarStore.ceilBoundaryNs(day, interval, toNs));
        // while the records read reach the journal's start, every bar they give is whole
        final long everyBar = Long.MIN_VALUE;
        if (held.getBarsCount() >= limit || Long.MIN_VALUE == seamNs)
        {
            return new Plan(held, seamNs, toNs, everyBar, endNs, 0, 0, true, 0);
        }
        try (TickTailer tailer = journal.tailer())
        {
            final long journalFirst = tailer.firstSequence();
            final long end = tailer.moveToTime(endNs);
            if (TickDescriptor.NO_SEQUENCE == journalFirst || end <= journalFirst)
            {
                return new Plan(held, seamNs, toNs, everyBar, endNs, end, end, true, 0);
            }
            final long first = Math.max(journalFirst, end - maxJournalRecords);
            if (first == journalFirst)
            {
                return new Plan(held, seamNs, toNs, everyBar, endNs, first, end, true, 0);
            }
            final Tick tick = new Tick();
            if (!tailer.moveToSequence(first) || !tailer.readNext(tick))
            {
                // retention deleted the journal's oldest records meanwhile: the page reads from its new start
                final long newFirst = Math.max(tailer.firstSequence(), first);
                return new Plan(held, seamNs, toNs, everyBar, endNs, Math.min(newFirst, end), end, true, 0);
            }
            final long wholeFromNs = BarStore.ceilBoundaryNs(day, interval, tick.eventTimeNs + 1);
            long neededRecords = 0;
            if (wholeFromNs >= endNs)
            {
                // the newest bar before endNs, whole, and the record before it for its time
                final long lastBarStartNs = BarIntervals.DAY == interval ? day.dayStartNs(endNs - 1) :
                    BarIntervals.intradayStartNs(interval, endNs - 1);
                neededRecords = end - tailer.moveToTime(lastBarStartNs) + 1;
            }
            return new Plan(held, seamNs, toNs, wholeFromNs, endNs, first, end, false, neededRecords);
        }
    }

    /**
     * The planned request's answer: the newest {@code limit} bars, oldest first, those the store
     * holds preceded by those the journal gives when the store's are fewer, with where to page
     * back from next.
     */
    public BarHistory answer(final Plan plan, final Instrument instrument, final int interval, final int limit)
    {
        final BarHistory held = plan.held();
        final int needed = limit - held.getBarsCount();
        final BarHistory answer;
        if (needed <= 0 || plan.records() == 0)
        {
            answer = held;
        }
        else
        {
            final BarHistory journalPart = read(instrument, needed, plan.firstSequence(), plan.records(), plan.readEndNs())
                .history(instrument, interval, plan.barsFromNs(), Math.min(plan.readEndNs(), plan.toNs()), needed);
            answer = BarHistory.newBuilder(journalPart)
                .addAllBars(held.getBarsList())
                .setLastSequence(plan.toNs() > plan.seamNs() ? held.getLastSequence() : journalPart.getLastSequence())
                .build();
        }
        final long olderToNs = answer.getBarsCount() >= limit ? answer.getBars(0).getStartTimeNs() :
            plan.fromJournalStart() ? 0 : plan.barsFromNs();
        return answer.toBuilder().setOlderToNs(olderToNs).build();
    }

    /**
     * The bars of the instrument's trades in {@code records} journal records from {@code firstSequence},
     * up to {@code endNs}, in a store that keeps the newest {@code limit} bars of each interval.
     */
    private BarStore read(final Instrument instrument, final int limit, final long firstSequence, final long records,
        final long endNs)
    {
        final BarStore older = new BarStore(limit);
        older.onCatalog(journal.instruments());
        final int id = instrument.getId();
        final Tick tick = new Tick();
        long lastRead = firstSequence - 1;
        try (TickTailer tailer = journal.tailer())
        {
            if (tailer.moveToSequence(firstSequence))
            {
                // bounded by the count the plan was checked against: the journal only grows after it
                for (long n = records; n > 0 && tailer.readNext(tick) && tick.eventTimeNs < endNs; n--)
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
        return older;
    }
}
