package dev.ticker.cli;

import dev.ticker.journal.TickJournal;
import dev.ticker.simulator.FeedSimulator;
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
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
        "Writes a simulated live market into the journal in the data folder until Ctrl-C.",
        "A journal has one writer: this fails if another process is writing it."})
final class SimulateCommand implements Callable<Integer>
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
        final SimulatorConfiguration configuration = simulator.configuration();
        final PrintWriter out = spec.commandLine().getOut();
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
