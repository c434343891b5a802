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
     * The journal records a request from {@code from} needs, counted before it is read, where the
     * store takes over, and whether no record is older than {@code from}.
     */
    public record Plan(long seamNs, long firstSequence, long endSequence, boolean fromJournalStart)
    {
        /** Journal records (of every instrument) between the request's start and the seam. */
        public long records()
        {
            return Math.max(0, endSequence - firstSequence);
        }
    }

    /**
     * A page back from {@code to} with no {@code from}: the kept bars before it and, when they are
     * fewer than the limit, the journal records [firstSequence, endSequence) before {@code endNs},
     * the newest at most {@code maxJournalRecords} of them. The first of those records is read for
     * its time only unless it is the journal's first: a record before it may share its bar, so only
     * bars from the first boundary after it ({@code wholeFromNs}) are whole.
     *
     * @param neededRecords when no whole bar fits in the records (and older ones exist): the records
     *                      a request would need to hold the bar before {@code endNs}; else 0.
     */
    public record PageBack(BarHistory held, long seamNs, long endNs, long firstSequence, long endSequence,
        boolean fromJournalStart, long wholeFromNs, long neededRecords)
    {
        /** Journal records (of every instrument) the page reads. */
        public long records()
        {
            return Math.max(0, endSequence - firstSequence);
        }

        /** Whether the records the page may read cannot hold one whole bar, while the journal holds older ones. */
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
     * Where the request [fromNs, toNs) meets the store, and how many journal records lie before it;
     * no records when the store holds the whole range.
     */
    public Plan plan(final Instrument instrument, final int interval, final long fromNs, final long toNs)
    {
        final long seamNs = memory.completeFromNs(instrument.getId(), interval);
        try (TickTailer tailer = journal.tailer())
        {
            final long journalFirst = tailer.firstSequence();
            final long first = tailer.moveToTime(fromNs);
            final boolean fromJournalStart = TickDescriptor.NO_SEQUENCE == journalFirst || first <= journalFirst;
            if (fromNs >= seamNs)
            {
                return new Plan(seamNs, 0, 0, fromJournalStart);
            }
            final long end = tailer.moveToTime(Math.min(seamNs, toNs));
            return new Plan(seamNs, first, end, fromJournalStart);
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
        final BarHistory answer;
        if (needed <= 0 || plan.records() == 0)
        {
            answer = held;
        }
        else
        {
            final long endNs = Math.min(plan.seamNs(), toNs);
            final BarHistory journalPart = read(instrument, needed, plan.firstSequence(), plan.records(), endNs)
                .history(instrument, interval, fromNs, endNs, needed);
            answer = BarHistory.newBuilder(journalPart)
                .addAllBars(held.getBarsList())
                .setLastSequence(toNs > plan.seamNs() ? held.getLastSequence() : journalPart.getLastSequence())
                .build();
        }
        final long olderToNs = answer.getBarsCount() >= limit ? answer.getBars(0).getStartTimeNs() :
            plan.fromJournalStart() ? 0 : fromNs;
        return answer.toBuilder().setOlderToNs(olderToNs).build();
    }

    /**
     * A page back from {@code toNs}: the kept bars before it and, when they are fewer than
     * {@code limit}, the journal records a page may read before the older of the seam and the end
     * of the bar holding {@code toNs}, found by the journal's time index and counted by sequence.
     */
    public PageBack planPageBack(final Instrument instrument, final int interval, final long toNs, final int limit)
    {
        final long seamNs = memory.completeFromNs(instrument.getId(), interval);
        final BarHistory held = memory.history(instrument, interval, seamNs, toNs, limit);
        final DayWindow day = new DayWindow(DayWindow.zoneOf(instrument.getTimeZone()));
        // the bar holding toNs starts before it: read to its end so that it is whole
        final long endNs = Math.min(seamNs, BarStore.ceilBoundaryNs(day, interval, toNs));
        if (held.getBarsCount() >= limit || Long.MIN_VALUE == seamNs)
        {
            return new PageBack(held, seamNs, endNs, 0, 0, true, Long.MIN_VALUE, 0);
        }
        try (TickTailer tailer = journal.tailer())
        {
            final long journalFirst = tailer.firstSequence();
            final long end = tailer.moveToTime(endNs);
            if (TickDescriptor.NO_SEQUENCE == journalFirst || end <= journalFirst)
            {
                return new PageBack(held, seamNs, endNs, end, end, true, Long.MIN_VALUE, 0);
            }
            final long first = Math.max(journalFirst, end - maxJournalRecords);
            if (first == journalFirst)
            {
                return new PageBack(held, seamNs, endNs, first, end, true, Long.MIN_VALUE, 0);
            }
            final Tick tick = new Tick();
            if (!tailer.moveToSequence(first) || !tailer.readNext(tick))
            {
                // retention deleted the journal's oldest records meanwhile: the page reads from its new start
                final long newFirst = Math.max(tailer.firstSequence(), first);
                return new PageBack(held, seamNs, endNs, Math.min(newFirst, end), end, true, Long.MIN_VALUE, 0);
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
            return new PageBack(held, seamNs, endNs, first, end, false, wholeFromNs, neededRecords);
        }
    }

    /**
     * The page back planned for {@code toNs}: the newest {@code limit} whole bars before it, with
     * where to page back from next.
     */
    public BarHistory pageBack(final PageBack page, final Instrument instrument, final int interval,
        final long toNs, final int limit)
    {
        final BarHistory held = page.held();
        final int needed = limit - held.getBarsCount();
        final BarHistory answer;
        if (needed <= 0 || page.records() == 0)
        {
            answer = held;
        }
        else
        {
            final long endNs = Math.min(page.endNs(), toNs);
            final BarHistory journalPart = read(instrument, needed, page.firstSequence(), page.records(), page.endNs())
                .history(instrument, interval, page.wholeFromNs(), endNs, needed);
            answer = BarHistory.newBuilder(journalPart)
                .addAllBars(held.getBarsList())
                .setLastSequence(toNs > page.seamNs() ? held.getLastSequence() : journalPart.getLastSequence())
                .build();
        }
        final long olderToNs;
        if (answer.getBarsCount() >= limit)
        {
            olderToNs = answer.getBars(0).getStartTimeNs();
        }
        else
        {
            olderToNs = page.fromJournalStart() ? 0 : page.wholeFromNs();
        }
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
