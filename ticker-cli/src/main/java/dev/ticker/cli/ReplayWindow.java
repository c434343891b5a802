package dev.ticker.cli;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.journal.TickTailer;

import java.time.Instant;
import java.time.ZoneId;

/**
 * The records of a journal that a replay covers, as an inclusive range of sequences, resolved from
 * what the user asked for: {@code --from} (default: the first record) and {@code --to} (default:
 * the head as of the start; exclusive for a time, inclusive for a sequence, as in the WebSocket
 * protocol's ReplayStart). A sequence must be one the journal holds; a time window must overlap the
 * journal's records, and is cut to them where it reaches beyond.
 */
final class ReplayWindow
{
    final long firstSequence;
    final long lastSequence;

    private ReplayWindow(final long firstSequence, final long lastSequence)
    {
        this.firstSequence = firstSequence;
        this.lastSequence = lastSequence;
    }

    /** The number of journal records in the window (all symbols). */
    long records()
    {
        return Math.max(0, lastSequence - firstSequence + 1);
    }

    /**
     * Resolves {@code from} and {@code to} against the journal that {@code tailer} reads.
     *
     * @throws IllegalArgumentException saying what is wrong: an empty journal, a start after the
     *                                  end, a sequence or time outside the journal.
     */
    static ReplayWindow resolve(final TickTailer tailer, final ReplayPoint from, final ReplayPoint to, final ZoneId zone)
    {
        final long head = tailer.lastSequence();
        if (TickDescriptor.NO_SEQUENCE == head)
        {
            throw new IllegalArgumentException("the journal holds no records yet");
        }
        final long first = tailer.firstSequence();
        final Tick tick = new Tick();
        final long firstTimeNs = timeOf(tailer, first, tick);
        final long lastTimeNs = timeOf(tailer, head, tick);
        final String span = "the journal holds sequences " + first + " to " + head + ", from " + iso(firstTimeNs) +
            " to " + iso(lastTimeNs);

        long fromSequence = first;
        long fromTimeNs = Long.MIN_VALUE;
        if (null != from && from.isSequence())
        {
            fromSequence = checkHeld("--from", from, first, head, span);
        }
        else if (null != from)
        {
            fromTimeNs = from.epochNs(zone);
            if (fromTimeNs > lastTimeNs)
            {
                throw new IllegalArgumentException("--from " + from + " (" + iso(fromTimeNs) +
                    ") is after the journal's last record: " + span);
            }
            fromSequence = tailer.moveToTime(fromTimeNs);
        }

        long toSequence = head;
        if (null != to && to.isSequence())
        {
            toSequence = checkHeld("--to", to, first, head, span);
        }
        else if (null != to)
        {
            final long toTimeNs = to.epochNs(zone);
            if (null != from && !from.isSequence() && fromTimeNs >= toTimeNs)
            {
                throw new IllegalArgumentException("--from " + from + " (" + iso(fromTimeNs) + ") is not before --to " +
                    to + " (" + iso(toTimeNs) + "): the start must come before the end");
            }
            if (toTimeNs <= firstTimeNs)
            {
                throw new IllegalArgumentException("--to " + to + " (" + iso(toTimeNs) +
                    ") is not after the journal's first record: " + span);
            }
            toSequence = tailer.moveToTime(toTimeNs) - 1;
        }

        if (null != from && null != to && (from.isSequence() || to.isSequence()) && fromSequence > toSequence)
        {
            throw new IllegalArgumentException("--from " + from + " (sequence " + fromSequence + ") is after --to " + to +
                " (sequence " + toSequence + "): the start must come before the end");
        }
        return new ReplayWindow(fromSequence, toSequence);
    }

    private static long checkHeld(
        final String flag, final ReplayPoint point, final long first, final long head, final String span)
    {
        if (point.sequence() < first || point.sequence() > head)
        {
            throw new IllegalArgumentException(flag + " " + point + " is outside the journal: " + span);
        }
        return point.sequence();
    }

    private static long timeOf(final TickTailer tailer, final long sequence, final Tick tick)
    {
        if (!tailer.moveToSequence(sequence) || !tailer.readNext(tick))
        {
            throw new IllegalArgumentException("the journal lost sequence " + sequence + " while it was read");
        }
        return tick.eventTimeNs;
    }

    @Override
    public String toString()
    {
        return records() == 0 ? "window: no records" :
            "window: sequences " + firstSequence + " to " + lastSequence + ", " + records() + " records";
    }

    static String iso(final long epochNs)
    {
        return Instant.ofEpochSecond(Math.floorDiv(epochNs, 1_000_000_000L), Math.floorMod(epochNs, 1_000_000_000L)).toString();
    }
}
