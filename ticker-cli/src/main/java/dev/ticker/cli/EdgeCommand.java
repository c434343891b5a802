package dev.ticker.cli;

import dev.ticker.fleet.FleetConfiguration;
import dev.ticker.fleet.FleetEdge;
import dev.ticker.journal.TickJournal;
import dev.ticker.server.config.ServerConfiguration;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(
    name = "edge",
    mixinStandardHelpOptions = true,
    modelTransformer = ServerOptions.class,
    description = {
        "An edge of a fleet: follows the Kafka topic into the journal in the data folder and serves it as 'ticker serve' does.",
        "Every edge holds the same sequences, so a client resumes on any of them. Stops on Ctrl-C. See docs/fleet.md."})
final class EdgeCommand implements Callable<Integer>
{
    @Mixin
    DataOptions data;

    @Mixin
    JournalOptions journalOptions;

    @Mixin
    FleetOptions fleet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call()
    {
        if (!fleet.enabled())
        {
            throw new IllegalArgumentException("--kafka: an edge needs the brokers of its topic, as HOST:PORT[,HOST:PORT...]");
        }
        final FleetConfiguration fleetConfiguration = fleet.configuration();
        final ServerConfiguration configuration = ServerOptions.configuration(spec);
        final PrintWriter out = spec.commandLine().getOut();
        try (ShutdownSignalBarrier shutdown = new ShutdownSignalBarrier();
            TickJournal journal = TickJournal.open(data.journalDirectory(), journalOptions.configuration());
            AgentRunner retention = journalOptions.startRetention(journal))
        {
            try (FleetEdge edge = FleetEdge.start(journal, fleetConfiguration, configuration))
            {
                out.println("Ticker edge");
                out.println("  topic      " + fleetConfiguration.topic() + " on " + fleetConfiguration.bootstrapServers());
                out.println("  journal    " + journal.directory() + " (head sequence " + journal.headSequence() + ")");
                out.println("  retention  " + journalOptions.describe(retention));
                out.println("  dashboard  " + edge.server().url());
                out.println("  health     " + edge.server().adminUrl() + "health");
                out.println("  metrics    " + edge.server().adminUrl() + "metrics");
                out.println("Press Ctrl-C to stop.");
                out.flush();
                shutdown.await();
            }
            // inside the barrier's block: the JVM may exit as soon as it closes; the edge has saved its topic position
            out.println("Stopped: journal head is sequence " + journal.headSequence() + "; the topic position is saved beside it.");
            out.flush();
        }
        return 0;
    }
}
