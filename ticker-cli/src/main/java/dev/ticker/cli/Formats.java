package dev.ticker.cli;

import java.time.Instant;

/** How the commands print values for people. */
final class Formats
{
    private Formats()
    {
    }

    /** An event time as an ISO-8601 instant in UTC, or "none". */
    static String time(final long epochNs)
    {
        if (epochNs == Long.MAX_VALUE || epochNs == Long.MIN_VALUE)
        {
            return "none";
        }
        return Instant.ofEpochSecond(Math.floorDiv(epochNs, 1_000_000_000L), Math.floorMod(epochNs, 1_000_000_000L)).toString();
    }
}
