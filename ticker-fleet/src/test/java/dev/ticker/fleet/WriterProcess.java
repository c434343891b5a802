package dev.ticker.fleet;

import dev.ticker.journal.AgentErrorHandler;
import dev.ticker.journal.TickJournal;
import dev.ticker.simulator.Pace;
import dev.ticker.simulator.SimulatorConfiguration;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemEpochClock;

import java.nio.file.Path;

/**
 * A fleet writer in its own JVM, so that a test can kill it or pause it (SIGKILL, SIGSTOP) as a
 * host would. Prints its role as it changes ({@code ROLE STANDBY}, {@code ROLE ACTIVE}) and, when
 * it ends, {@code ENDED reason} and exits with 3.
 *
 * <p>Arguments: journal folder, brokers, topic, {@code active|standby}, takeover ms, ticks per second.
 */
public final class WriterProcess
{
    static final int EXIT_ENDED = 3;

    private WriterProcess()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        final FleetConfiguration configuration = new FleetConfiguration()
            .bootstrapServers(args[1])
            .topic(args[2])
            .takeoverAfterMs(Integer.parseInt(args[4]))
            .heartbeatIntervalMs(Math.min(FleetConfiguration.DEFAULT_HEARTBEAT_INTERVAL_MS, Integer.parseInt(args[4]) / 4));
        final SimulatorConfiguration simulator = new SimulatorConfiguration().rate(Integer.parseInt(args[5])).pace(Pace.EVEN);
        final TickJournal journal = TickJournal.open(Path.of(args[0]));
        final FleetWriter writer = new FleetWriter(journal, configuration, simulator, "standby".equals(args[3]),
            SystemEpochClock.INSTANCE);
        final AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(1), new AgentErrorHandler("fleet-writer"), null, writer);
        AgentRunner.startOnThread(runner);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            runner.close();
            writer.close();
            journal.close();
        }));
        FleetStatus.Role shown = null;
        while (true)
        {
            final FleetStatus.Role role = writer.status().role();
            if (role != shown)
            {
                System.out.println("ROLE " + role);
                shown = role;
            }
            if (writer.hasEnded())
            {
                System.out.println("ENDED " + writer.status().alarm());
                System.out.flush();
                System.exit(EXIT_ENDED);
            }
            Thread.sleep(10);
        }
    }
}
