package dev.ticker.cli;

import dev.ticker.journal.TickJournal;
import dev.ticker.server.TickerServer;
import dev.ticker.server.security.HangUpSignal;
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
    name = "serve",
    mixinStandardHelpOptions = true,
    modelTransformer = ServerOptions.class,
    description = {
        "Serves the journal in the data folder: the dashboard, the WebSocket stream at /ws and /api/*; /health and /metrics on the admin port.",
        "Another process (ticker simulate) may write the journal meanwhile. Stops on Ctrl-C."})
final class ServeCommand implements Callable<Integer>
{
    @Mixin
    DataOptions data;

    @Mixin
    JournalOptions journalOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call()
    {
        final ServerConfiguration configuration = ServerOptions.configuration(spec);
        final PrintWriter out = spec.commandLine().getOut();
        try (ShutdownSignalBarrier shutdown = new ShutdownSignalBarrier();
            TickJournal journal = TickJournal.open(data.journalDirectory(), journalOptions.configuration());
            AgentRunner retention = journalOptions.startRetention(journal);
            TickerServer tickerServer = TickerServer.start(configuration, journal))
        {
            out.println("Ticker server");
            out.println("  journal    " + journal.directory() + " (head sequence " + journal.headSequence() + ", " +
                journal.instruments().size() + " instruments)");
            out.println("  retention  " + journalOptions.describe(retention));
            out.println("  dashboard  " + tickerServer.url());
            out.println("  health     " + tickerServer.adminUrl() + "health");
            out.println("  metrics    " + tickerServer.adminUrl() + "metrics");
            if (null != tickerServer.tls())
            {
                // operators renew certificates and send SIGHUP; the file watch catches renewals too
                HangUpSignal.onHangUp(tickerServer::reloadTls);
                out.println("  tls        " + tickerServer.tls().certificate().getSubjectX500Principal() + " until " +
                    tickerServer.tls().certificate().getNotAfter().toInstant() + " (reloaded on SIGHUP or a file change)");
            }
            out.println("Press Ctrl-C to stop.");
            out.flush();
            shutdown.await();
        }
        return 0;
    }
}
