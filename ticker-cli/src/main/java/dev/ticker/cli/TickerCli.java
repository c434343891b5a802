package dev.ticker.cli;

import dev.ticker.fleet.FleetException;
import dev.ticker.journal.JournalException;
import dev.ticker.simulator.importing.ImportException;
import dev.ticker.simulator.InstrumentFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * The {@code ticker} command. {@code main} only parses and dispatches; each subcommand builds its
 * parts, runs until stopped and closes them. Errors a user can fix (a bad flag, a folder that cannot
 * be written, a port that is taken) print one line saying what and why, and exit non-zero.
 */
@Command(
    name = "ticker",
    mixinStandardHelpOptions = true,
    versionProvider = TickerCli.Version.class,
    description = "Ticker: a live market-data service. A journal of ticks streamed over WebSocket to a dashboard.",
    subcommands = {
        DemoCommand.class, ServeCommand.class, SimulateCommand.class, EdgeCommand.class, GenerateCommand.class, ImportCommand.class,
        ReplayCommand.class, BarsCommand.class, JournalCommand.class, BenchCommand.class, TokenCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Run 'ticker COMMAND --help' for the options of a command."})
public final class TickerCli implements Runnable
{
    /** Exit code of a run that failed for a reason the message explains. */
    static final int EXIT_FAILURE = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Standard error when it is a terminal (progress bars are redrawn in place), else null. */
    private final PrintStream terminal;

    TickerCli(final PrintStream terminal)
    {
        this.terminal = terminal;
    }

    public static void main(final String[] args)
    {
        // Undertow logs through JBoss Logging: send it to the same place as everything else.
        System.setProperty("org.jboss.logging.provider", "slf4j");
        final PrintStream terminal = null != System.console() ? System.err : null;
        final int exitCode = execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), terminal);
        // A command that ran until Ctrl-C returns while the JVM is already shutting down, when
        // System.exit would block for ever: only failures need an explicit exit code.
        if (exitCode != 0)
        {
            System.exit(exitCode);
        }
    }

    /** Runs the command line and returns the exit code. */
    static int execute(final String[] args, final PrintWriter out, final PrintWriter err)
    {
        return execute(args, out, err, null);
    }

    static int execute(final String[] args, final PrintWriter out, final PrintWriter err, final PrintStream terminal)
    {
        final CommandLine commandLine = new CommandLine(new TickerCli(terminal));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) ->
        {
            if (ex instanceof JournalException || ex instanceof IllegalArgumentException || ex instanceof InstrumentFileException ||
                ex instanceof org.apache.kafka.common.KafkaException || ex instanceof FleetException ||
                ex instanceof ImportException)
            {
                cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
                return EXIT_FAILURE;
            }
            if (ex instanceof Cancellation.StoppedException)
            {
                return Cancellation.EXIT_STOPPED;
            }
            throw ex;
        });
        return commandLine.execute(args);
    }

    /** A progress bar on the standard error of {@code command}. */
    ProgressBars progress(final CommandLine.Model.CommandSpec command)
    {
        return new ProgressBars(command.commandLine().getErr(), terminal);
    }

    @Override
    public void run()
    {
        // "ticker" alone: show what it can do
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider
    {
        @Override
        public String[] getVersion()
        {
            final String version = TickerCli.class.getPackage().getImplementationVersion();
            return new String[] {"ticker " + (null == version ? "(development build)" : version)};
        }
    }
}
