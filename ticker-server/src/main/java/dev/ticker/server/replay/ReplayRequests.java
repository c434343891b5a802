package dev.ticker.server.replay;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.ReplayClock;
import dev.ticker.journal.Tick;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;
import dev.ticker.proto.v1.ErrorCode;
import dev.ticker.proto.v1.Instrument;
import dev.ticker.proto.v1.ReplayControl;
import dev.ticker.proto.v1.ReplayStart;
import dev.ticker.server.bars.BarIntervals;
import dev.ticker.server.bars.DayWindow;
import dev.ticker.server.session.SubscriptionRequests;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks replay requests against the journal and the instrument catalogue, apart from running
 * replays: a start becomes a {@link Plan} (what to replay, from where to where, how fast), a seek a
 * {@link Target}, and anything that cannot be served a {@link Refusal} naming what and why. It
 * changes no session; {@link Replays} acts on what it returns. Runs on the fan-out thread, whose
 * journal reader it keeps for lookups; requests are rare and may allocate.
 */
public final class ReplayRequests
{
    /** What a check returns. */
    public sealed interface Checked permits Plan, Target, Refusal
    {
    }

    /** The request cannot be served: the error to answer it with. */
    public record Refusal(ErrorCode code, String text) implements Checked
    {
    }

    /** A start request that can be served: its instruments, bar intervals, window (both ends inclusive) and speed. */
    public record Plan(boolean all, List<Instrument> instruments, int barMask, long fromSequence, long fromTimeNs,
        long toSequence, long toTimeNs, double speed) implements Checked
    {
    }

    /** A seek that can be served: the record to go to, and its event time. */
    public record Target(long sequence, long timeNs) implements Checked
    {
    }

    private final TickJournal journal;
    private final SubscriptionRequests requests;
    private final Tick probe = new Tick();
    /** Finds sequences and times, so that a replay's own reader moves only when it is repositioned. */
    private TickTailer lookup;

    public ReplayRequests(final TickJournal journal, final SubscriptionRequests requests)
    {
        this.journal = journal;
        this.requests = requests;
    }

    /** Why {@code speed} cannot be used, or null. */
    public static String speedProblem(final double speed)
    {
        return ReplayClock.isValidSpeed(speed) ? null : "speed = " + speed + " is out of range: " + ReplayClock.MIN_SPEED +
            " to " + ReplayClock.MAX_SPEED + " times recorded time, or 0 for as fast as the client takes frames";
    }

    /** Checks a start request; {@code what} names it in the refusal's text. */
    public Checked checkStart(final ReplayStart request, final String what, final InstrumentCatalog catalog)
    {
        final String speed = speedProblem(request.getSpeed());
        if (null != speed)
        {
            return invalid(what + ": " + speed);
        }
        if (request.getFromCase() == ReplayStart.FromCase.FROM_NOT_SET)
        {
            return invalid(what + " names no start: set from_time_ns or from_sequence");
        }
        if (!request.getAll() && request.getSymbolsCount() == 0)
        {
            return invalid(what + " names no symbols and does not set all");
        }
        final int barMask = BarIntervals.mask(request.getBarIntervalsList());
        if (barMask < 0)
        {
            final int position = -1 - barMask;
            return invalid(what + ": bar_intervals[" + position + "] = " + request.getBarIntervalsValue(position) +
                " is not an interval the server builds (" + BarIntervals.names() + ")");
        }
        final List<Instrument> named = new ArrayList<>();
        if (request.getAll())
        {
            named.addAll(catalog.instruments());
        }
        else
        {
            final List<String> unknown = new ArrayList<>();
            requests.resolve(request.getSymbolsList(), named, unknown);
            if (!unknown.isEmpty())
            {
                return new Refusal(ErrorCode.ERROR_CODE_UNKNOWN_SYMBOL, "unknown symbol" + (unknown.size() > 1 ? "s " : " ") +
                    String.join(", ", unknown) + " in " + what + ": not in the journal's instrument catalogue; no replay was started");
            }
        }
        return window(lookup(), request, what, named, barMask);
    }

    /** Checks a seek within a replay that may go up to {@code toSequence} and {@code toTimeNs}. */
    public Checked checkSeek(final ReplayControl request, final String what, final long toSequence, final long toTimeNs)
    {
        final TickTailer reader = lookup();
        final long first = firstSequence(reader);
        final long firstTimeNs = timeAt(reader, first);
        switch (request.getSeekCase())
        {
            case SEEK_SEQUENCE ->
            {
                final long target = request.getSeekSequence();
                if (target < first || target > toSequence)
                {
                    return invalid(what + ": seek_sequence = " + Long.toUnsignedString(target) +
                        " is outside the replay, which can seek from sequence " + first + " (the oldest in the journal) to " +
                        toSequence + " (its end)");
                }
                return new Target(target, timeAt(reader, target));
            }
            case SEEK_TIME_NS ->
            {
                final long targetTimeNs = request.getSeekTimeNs();
                if (targetTimeNs < firstTimeNs || targetTimeNs > toTimeNs)
                {
                    return invalid(what + ": seek_time_ns = " + targetTimeNs + " (" + DayWindow.instant(targetTimeNs) +
                        ") is outside the replay, which can seek from " + DayWindow.instant(firstTimeNs) +
                        " (the oldest record in the journal) to " + DayWindow.instant(toTimeNs) + " (its end)");
                }
                return new Target(reader.moveToTime(targetTimeNs), targetTimeNs);
            }
            default ->
            {
                return invalid(what + " names no position: set seek_time_ns or seek_sequence");
            }
        }
    }

    /** The first sequence at or after {@code timeNs}, to rebuild a replay's state from. */
    public long sequenceAtOrAfter(final long timeNs)
    {
        return lookup().moveToTime(timeNs);
    }

    /** The event time of a record the journal holds. */
    public long timeAt(final long sequence)
    {
        return timeAt(lookup(), sequence);
    }

    public void close()
    {
        if (null != lookup)
        {
            lookup.close();
            lookup = null;
        }
    }

    private static Refusal invalid(final String text)
    {
        return new Refusal(ErrorCode.ERROR_CODE_INVALID_REPLAY, text);
    }

    private TickTailer lookup()
    {
        if (null == lookup)
        {
            // a Chronicle tailer belongs to the thread that made it: the fan-out thread's
            lookup = journal.tailer();
        }
        return lookup;
    }

    /** Resolves the start and end of {@code request} against the journal. */
    private Checked window(final TickTailer reader, final ReplayStart request, final String what, final List<Instrument> named,
        final int barMask)
    {
        final long head = reader.lastSequence();
        if (TickDescriptor.NO_SEQUENCE == head)
        {
            return invalid(what + ": the journal is empty: there is nothing to replay");
        }
        final long first = firstSequence(reader);
        final long firstTimeNs = timeAt(reader, first);
        final long headTimeNs = timeAt(reader, head);
        final String holds = "the journal holds sequences " + first + " to " + head + ", from " +
            DayWindow.instant(firstTimeNs) + " to " + DayWindow.instant(headTimeNs);
        final long fromSequence;
        final long fromTimeNs;
        if (request.getFromCase() == ReplayStart.FromCase.FROM_SEQUENCE)
        {
            fromSequence = request.getFromSequence();
            if (fromSequence < first || fromSequence > head)
            {
                return invalid(what + ": from_sequence = " + Long.toUnsignedString(fromSequence) + " is outside the journal: " + holds);
            }
            fromTimeNs = timeAt(reader, fromSequence);
        }
        else
        {
            fromTimeNs = request.getFromTimeNs();
            if (fromTimeNs < firstTimeNs || fromTimeNs > headTimeNs)
            {
                return invalid(what + ": from_time_ns = " + fromTimeNs + " (" + DayWindow.instant(fromTimeNs) +
                    ") is outside the journal: " + holds);
            }
            fromSequence = reader.moveToTime(fromTimeNs);
        }
        final long toSequence;
        switch (request.getToCase())
        {
            case TO_SEQUENCE ->
            {
                toSequence = request.getToSequence();
                if (toSequence < fromSequence)
                {
                    return invalid(what + ": to_sequence = " + Long.toUnsignedString(toSequence) + " is before the start, sequence " +
                        fromSequence);
                }
                if (toSequence > head)
                {
                    return invalid(what + ": to_sequence = " + Long.toUnsignedString(toSequence) + " is outside the journal: " + holds);
                }
            }
            case TO_TIME_NS ->
            {
                final long toTimeNs = request.getToTimeNs();
                if (toTimeNs <= fromTimeNs)
                {
                    return invalid(what + ": to_time_ns = " + toTimeNs + " (" + DayWindow.instant(toTimeNs) + ") is not after the start, " +
                        fromTimeNs + " (" + DayWindow.instant(fromTimeNs) + ")");
                }
                // exclusive: the last record before it; past the head, the head
                toSequence = toTimeNs > headTimeNs ? head : reader.moveToTime(toTimeNs) - 1;
                if (toSequence < fromSequence)
                {
                    return invalid(what + ": the window from " + DayWindow.instant(fromTimeNs) + " to " + DayWindow.instant(toTimeNs) +
                        " holds no records");
                }
            }
            default -> toSequence = head;
        }
        return new Plan(request.getAll(), named, barMask, fromSequence, fromTimeNs, toSequence, timeAt(reader, toSequence),
            request.getSpeed());
    }

    private static long firstSequence(final TickTailer reader)
    {
        final long first = reader.firstSequence();
        return TickDescriptor.NO_SEQUENCE == first ? TickDescriptor.NO_SEQUENCE + 1 : first;
    }

    /** The event time of a record the journal holds; moves the reader. */
    private long timeAt(final TickTailer reader, final long sequence)
    {
        if (!reader.moveToSequence(sequence) || !reader.readNext(probe))
        {
            throw new IllegalStateException("journal " + journal.directory() + " does not hold sequence " + sequence);
        }
        return probe.eventTimeNs;
    }
}
