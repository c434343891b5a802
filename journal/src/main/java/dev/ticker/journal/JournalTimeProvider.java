package dev.ticker.journal;

import net.openhft.chronicle.core.time.TimeProvider;

/**
 * Drives Chronicle's roll cycles from the event time of the records appended instead of the wall
 * clock, so that a journal generated or imported for a past day lands in that day's cycle. Cycle
 * time never goes backwards: an event stamped earlier than the newest one rolls nothing. Until the
 * journal holds a record, it is the wall clock.
 */
final class JournalTimeProvider implements TimeProvider
{
    private static final long UNSET = Long.MIN_VALUE;

    private volatile long cycleTimeMs = UNSET;

    void onAppend(final long eventTimeNs)
    {
        final long eventTimeMs = Math.floorDiv(eventTimeNs, 1_000_000L);
        final long current = cycleTimeMs;
        if (UNSET == current || eventTimeMs > current)
        {
            cycleTimeMs = eventTimeMs;
        }
    }

    /** The cycle time, in ms, that appending a record stamped {@code eventTimeNs} would give. */
    long cycleTimeMsAfter(final long eventTimeNs)
    {
        final long eventTimeMs = Math.floorDiv(eventTimeNs, 1_000_000L);
        final long current = cycleTimeMs;
        return UNSET == current ? eventTimeMs : Math.max(current, eventTimeMs);
    }

    @Override
    public long currentTimeMillis()
    {
        final long current = cycleTimeMs;
        return UNSET == current ? System.currentTimeMillis() : current;
    }
}
