package dev.ticker.cli;

import dev.ticker.journal.TickJournal;
import dev.ticker.server.TickerServer;
import dev.ticker.server.config.ServerConfiguration;
import dev.ticker.simulator.FeedSimulator;
import dev.ticker.simulator.MarketHours;
import dev.ticker.simulator.SimulatorConfiguration;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    modelTransformer = ServerOptions.class,
    description = {
        "Runs the server with an embedded feed simulator writing to the journal, and prints the dashboard's URL.",
        "Stops on Ctrl-C."})
final class DemoCommand implements Callable<Integer>
{
    @Mixin
    DataOptions data;

    @Mixin
    JournalOptions journalOptions;

    @Mixin
    SimulatorOptions simulator;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call()
    {
        final ServerConfiguration serverConfiguration = ServerOptions.configuration(spec);
        final SimulatorConfiguration simulatorConfiguration = simulator.configuration(MarketHours.VENUE);
        final PrintWriter out = spec.commandLine().getOut();
        try (ShutdownSignalBarrier shutdown = new ShutdownSignalBarrier();
            TickJournal journal = TickJournal.open(data.journalDirectory(), journalOptions.configuration());
            AgentRunner retention = journalOptions.startRetention(journal);
            TickerServer tickerServer = TickerServer.start(serverConfiguration, journal))
        {
            final FeedSimulator feed = FeedSimulator.start(journal, simulatorConfiguration);
            try (feed)
            {
                out.println("Ticker demo");
                out.println("  journal    " + journal.directory());
                out.println("  retention  " + journalOptions.describe(retention));
                out.println("  simulator  " + Formats.rate(simulatorConfiguration) + " over " +
                    simulatorConfiguration.instruments().size() + " instruments (seed " + simulatorConfiguration.seed() + ")");
                out.println("  hours      " + Formats.hours(simulatorConfiguration, System.currentTimeMillis() * 1_000_000L));
                out.println("  dashboard  " + tickerServer.url());
                out.println("  health     " + tickerServer.adminUrl() + "health");
                out.println("  metrics    " + tickerServer.adminUrl() + "metrics");
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
