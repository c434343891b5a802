package dev.ticker.cli;

import dev.ticker.simulator.Pace;
import dev.ticker.simulator.SimulatorConfiguration;

import java.time.Instant;

/** How the commands print values for people. */
final class Formats
{
    private Formats()
    {
    }

    /** The live feed's rate and pace, as a person reads it. */
    static String rate(final SimulatorConfiguration configuration)
    {
        return configuration.pace() == Pace.EVEN ?
            configuration.rate() + " ticks/s, evenly" :
            configuration.rate() + " ticks/s on average over a " + configuration.dayMinutes() +
                "-minute market day (busier at its open and close)";
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
