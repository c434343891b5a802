package dev.ticker.cli;

import dev.ticker.simulator.InstrumentFile;
import dev.ticker.simulator.MarketHours;
import dev.ticker.simulator.Pace;
import dev.ticker.simulator.SimulatorConfiguration;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The simulator's command-line options; defaults and meanings come from {@link SimulatorConfiguration}. */
final class SimulatorOptions
{
    @Option(names = "--rate", paramLabel = "TICKS_PER_SECOND", defaultValue = "" + SimulatorConfiguration.DEFAULT_RATE,
        description = "Trades and quotes written per second, on average (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--pace", paramLabel = "MODEL|EVEN", defaultValue = "MODEL",
        description = "MODEL: each tick when the model's event time comes, in bursts and lulls; " +
            "EVEN: exactly the rate, evenly (default: ${DEFAULT-VALUE}).")
    Pace pace;

    @Option(names = "--day-minutes", paramLabel = "N", defaultValue = "" + SimulatorConfiguration.DEFAULT_DAY_MINUTES,
        description = "Length of the live market's day: busy open, calm middle, busy close, then again (default: ${DEFAULT-VALUE}).")
    int dayMinutes;

    @Option(names = "--market-hours", paramLabel = "venue|always",
        description = "venue: each instrument trades only in its venue's hours (time zone, weekdays, lunch break) and is " +
            "CLOSED outside them, the rate shared by the instruments in session; always: every instrument trades from the " +
            "start, whatever the hour (default: venue for demo, always for simulate).")
    MarketHours marketHours;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + SimulatorConfiguration.DEFAULT_SEED,
        description = "Seed of the market model; the same seed gives the same market (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--instruments", paramLabel = "FILE",
        description = "Instrument universe as CSV (default: the built-in universe).")
    Path instruments;

    /** @param defaultHours the command's market hours when --market-hours is not given. */
    SimulatorConfiguration configuration(final MarketHours defaultHours)
    {
        final MarketHours hours = null == marketHours ? defaultHours : marketHours;
        if (hours == MarketHours.VENUE && pace != Pace.MODEL)
        {
            throw new IllegalArgumentException("--market-hours venue with --pace " + pace +
                ": venue hours need --pace MODEL (EVEN writes the rate evenly whatever the hour); add --market-hours always");
        }
        final SimulatorConfiguration configuration = new SimulatorConfiguration()
            .rate(rate)
            .pace(pace)
            .marketHours(hours)
            .dayMinutes(dayMinutes)
            .seed(seed);
        if (null != instruments)
        {
            configuration.instruments(InstrumentFile.load(instruments));
        }
        return configuration.validate();
    }
}
