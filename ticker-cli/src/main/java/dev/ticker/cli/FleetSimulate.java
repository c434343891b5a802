package dev.ticker.cli;

import dev.ticker.fleet.FleetConfiguration;
import dev.ticker.fleet.FleetStatusSource;
import dev.ticker.fleet.FleetWriter;
import dev.ticker.journal.AgentErrorHandler;
import dev.ticker.journal.TickJournal;
import dev.ticker.server.TickerServer;
import dev.ticker.server.config.ServerConfiguration;
import dev.ticker.simulator.SimulatorConfiguration;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.ShutdownSignalBarrier;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemEpochClock;

import java.io.PrintWriter;

/** {@code ticker simulate --kafka}: the simulator as a writer of a fleet, active or standby, until Ctrl-C or until fenced. */
final class FleetSimulate
{
    private FleetSimulate()
    {
    }

    static int run(
        final DataOptions data,
        final JournalOptions journalOptions,
        final SimulatorConfiguration configuration,
        final FleetConfiguration fleet,
        final boolean standby,
        final int statusPort,
        final PrintWriter out,
        final PrintWriter err)
    {
        // the barrier closes last, and the JVM may exit as soon as it has closed (a shutdown hook waits for it):
        // everything this command reports on the way out is printed before that
        try (ShutdownSignalBarrier shutdown = new ShutdownSignalBarrier())
        {
            final FleetWriter writer;
            try (TickJournal journal = TickJournal.open(data.journalDirectory(), journalOptions.configuration());
                AgentRunner retention = journalOptions.startRetention(journal))
            {
                writer = new FleetWriter(journal, fleet, configuration, standby, SystemEpochClock.INSTANCE, shutdown::signal);
                try (writer; AgentRunner runner = new AgentRunner(
                    new SleepingMillisIdleStrategy(1), new AgentErrorHandler("fleet-writer"), null, writer);
                    TickerServer status = statusPort < 0 ? null :
                        TickerServer.start(new ServerConfiguration().port(statusPort), journal, new FleetStatusSource(writer.status())))
                {
                    AgentRunner.startOnThread(runner);
                    out.println("Ticker fleet writer");
                    out.println("  topic      " + fleet.topic() + " on " + fleet.bootstrapServers() + " (transactional id " +
                        fleet.transactionalId() + ")");
                    out.println("  journal    " + journal.directory());
                    out.println("  retention  " + journalOptions.describe(retention));
                    out.println("  role       " + (standby ? "standby: takes over after " + fleet.takeoverAfterMs() +
                        " ms without a committed record" : "active: takes over the topic now"));
                    out.println("  rate       " + Formats.rate(configuration) + " over " + configuration.instruments().size() + " instruments");
                    if (null != status)
                    {
                        out.println("  status     " + status.url() + " (journal), " + status.adminUrl() + "health, " + status.adminUrl() + "metrics");
                    }
                    out.println("Press Ctrl-C to stop.");
                    out.flush();
                    shutdown.await();
                }
            }
            if (writer.hasEnded())
            {
                err.println("simulate: " + writer.status().alarm());
                err.flush();
                return TickerCli.EXIT_FAILURE;
            }
            out.println("Stopped: published up to sequence " + writer.status().publishedSequence() + ".");
            out.flush();
            return 0;
        }
    }
}
