package dev.ticker.cli;

import dev.ticker.simulator.MarketHours;
import dev.ticker.simulator.Pace;
import dev.ticker.simulator.VenueBoard;
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
            configuration.marketHours() == MarketHours.VENUE ?
                configuration.rate() + " ticks/s on average, shared by the instruments in session (busier at each open and close)" :
                configuration.rate() + " ticks/s on average over a " + configuration.dayMinutes() +
                    "-minute market day (busier at its open and close)";
    }

    /** The live feed's market hours, and on venue hours what is in session at {@code nowNs}. */
    static String hours(final SimulatorConfiguration configuration, final long nowNs)
    {
        return configuration.marketHours() == MarketHours.VENUE ?
            "venue hours (--market-hours venue): " + VenueBoard.describe(configuration.instruments(), nowNs) :
            "always open (--market-hours always): every instrument trades whatever the hour";
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

    /** A duration as a person reads it: 850 ms, 12.4 s, 3 min 05 s. */
    static String duration(final long ns)
    {
        final long ms = ns / 1_000_000L;
        if (ms < 1_000)
        {
            return ms + " ms";
        }
        if (ms < 60_000)
        {
            return String.format("%.1f s", ms / 1_000.0);
        }
        return String.format("%d min %02d s", ms / 60_000, (ms / 1_000) % 60);
    }
}
