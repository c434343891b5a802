package dev.ticker.server.session;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;
import dev.ticker.server.metrics.ServerCounters;

/**
 * A resumed connection's way back to the live stream: its own journal reader from the resume
 * point, read a bounded slice per duty cycle and only as fast as its client takes frames, until it
 * is level with the live reader. One per resuming session; it does its own work, and its fan-out
 * thread only asks it for a slice and whether it is level.
 */
public final class CatchUp
{
    private final Session session;
    private TickTailer reader;
    private long next;
    private long firstEventTimeNs = Session.NONE;

    CatchUp(final Session session, final long next)
    {
        this.session = session;
        this.next = next;
    }

    /** The next sequence to read: everything before it is in the session's frames or batch. */
    public long next()
    {
        return next;
    }

    /** Event time of the first record read, or {@link Session#NONE}: bars changed since then are sent on going live. */
    public long firstEventTimeNs()
    {
        return firstEventTimeNs;
    }

    /** Whether it has read everything the live reader has ({@code lastScanned}): the session may go live. */
    public boolean isLevelWith(final long lastScanned)
    {
        return next == lastScanned + 1;
    }

    /**
     * Reads at most {@code budget} records, no further than the live reader's {@code lastScanned},
     * and stops while the session's batch holds {@code softLimit} bytes (its client is that far
     * behind).
     *
     * @return the records read.
     */
    public int doWork(final TickJournal journal, final Tick tick, final long lastScanned, final int budget, final int softLimit,
        final ServerCounters counters)
    {
        if (null == reader)
        {
            if (next > lastScanned)
            {
                // a client that has seen more than this server has read yet waits for the live reader
                return 0;
            }
            reader = journal.tailer();
            if (!reader.moveToSequence(next))
            {
                // checked against the journal when the resume came: it cannot have lost the sequence since
                throw new IllegalStateException("journal " + journal.directory() + " no longer holds sequence " + next);
            }
        }
        int read = 0;
        long delivered = 0;
        final Session session = this.session;
        while (read < budget && next <= lastScanned && session.hasRoomToCatchUp(softLimit) && reader.readNext(tick))
        {
            read++;
            next = tick.sequence + 1;
            if (Session.NONE == firstEventTimeNs)
            {
                firstEventTimeNs = tick.eventTimeNs;
            }
            if (session.wants(tick.instrumentId) && (!session.resumeFiltering || session.delivers(tick)))
            {
                session.offerCatchUp(tick);
                delivered++;
            }
        }
        counters.onTicksReplayed(delivered);
        return read;
    }

    /** Releases the reader; called once, when the session goes live or closes. */
    void close()
    {
        if (null != reader)
        {
            reader.close();
            reader = null;
        }
    }
}
