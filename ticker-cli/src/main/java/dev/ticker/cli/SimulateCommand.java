package dev.ticker.cli;

import dev.ticker.fleet.FleetConfiguration;
import dev.ticker.journal.TickJournal;
import dev.ticker.simulator.FeedSimulator;
import dev.ticker.simulator.MarketHours;
import dev.ticker.simulator.SimulatorConfiguration;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
        "Writes a simulated live market into the journal in the data folder until Ctrl-C.",
        "A journal has one writer: this fails if another process is writing it.",
        "With --kafka it is a writer of a fleet: it publishes the journal to the topic, or stands by (--standby). See docs/fleet.md."})
final class SimulateCommand implements Callable<Integer>
{
    @Mixin
    DataOptions data;

    @Mixin
    JournalOptions journalOptions;

    @Mixin
    SimulatorOptions simulator;

    @Mixin
    FleetOptions fleet;

    @Option(names = "--standby", description = "With --kafka: wait as a hot standby and take over when the active writer falls silent.")
    boolean standby;

    @Option(names = "--takeover-ms", paramLabel = "MS", defaultValue = "" + FleetConfiguration.DEFAULT_TAKEOVER_AFTER_MS,
        description = "With --standby: how long the active writer may commit nothing before this one takes over (default: ${DEFAULT-VALUE}).")
    int takeoverMs;

    @Option(names = "--status-port", paramLabel = "PORT", defaultValue = "-1",
        description = "With --kafka: also serve the writer's journal, /health and /metrics (its role, active or standby) on this " +
            "port of 127.0.0.1 (0: any free port; default: none).")
    int statusPort;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call()
    {
        final SimulatorConfiguration configuration = simulator.configuration(MarketHours.ALWAYS);
        final PrintWriter out = spec.commandLine().getOut();
        if (fleet.enabled())
        {
            return FleetSimulate.run(data, journalOptions, configuration, fleet.configuration().takeoverAfterMs(takeoverMs).validate(),
                standby, statusPort, out, spec.commandLine().getErr());
        }
        try (ShutdownSignalBarrier shutdown = new ShutdownSignalBarrier();
            TickJournal journal = TickJournal.open(data.journalDirectory(), journalOptions.configuration());
            AgentRunner retention = journalOptions.startRetention(journal))
        {
            final FeedSimulator feed = FeedSimulator.start(journal, configuration);
            try (feed)
            {
                out.println("Ticker simulator");
                out.println("  journal    " + journal.directory() + " (continuing after sequence " + feed.lastSequence() + ")");
                out.println("  retention  " + journalOptions.describe(retention));
                out.println("  rate       " + Formats.rate(configuration) + " over " + configuration.instruments().size() +
                    " instruments (seed " + configuration.seed() + ")");
                out.println("  hours      " + Formats.hours(configuration, System.currentTimeMillis() * 1_000_000L));
                out.println("Press Ctrl-C to stop.");
                out.flush();
                shutdown.await();
            }
            // the writer has stopped: this is the final head
            out.println("Stopped: journal head is sequence " + feed.lastSequence() + ".");
            out.flush();
        }
        return 0;
    }
}
