package dev.ticker.simulator;

import dev.ticker.journal.Tick;

/** How many trades, quotes and status changes a run wrote, and the event times they span. */
public final class TickCounts
{
    private long trades;
    private long quotes;
    private long statuses;
    private long firstEventTimeNs = Long.MAX_VALUE;
    private long lastEventTimeNs = Long.MIN_VALUE;

    public void count(final Tick tick)
    {
        if (tick.isTrade())
        {
            trades++;
        }
        else if (tick.isQuote())
        {
            quotes++;
        }
        else
        {
            statuses++;
        }
        firstEventTimeNs = Math.min(firstEventTimeNs, tick.eventTimeNs);
        lastEventTimeNs = Math.max(lastEventTimeNs, tick.eventTimeNs);
    }

    public long trades()
    {
        return trades;
    }

    public long quotes()
    {
        return quotes;
    }

    public long statuses()
    {
        return statuses;
    }

    public long total()
    {
        return trades + quotes + statuses;
    }

    /** The earliest event time written; {@link Long#MAX_VALUE} when nothing was. */
    public long firstEventTimeNs()
    {
        return firstEventTimeNs;
    }

    /** The latest event time written; {@link Long#MIN_VALUE} when nothing was. */
    public long lastEventTimeNs()
    {
        return lastEventTimeNs;
    }
}
