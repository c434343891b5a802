package dev.ticker.benchmarks;

import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Runs the JMH benchmarks with JMH's own command line, untouched (as JMH's {@code Main} does:
 * {@code -h}, {@code -l}, {@code -lp}, {@code -lprof}, {@code -lrf} and every run option), adding
 * to every fork the JVM flags the project sets in one place (the parent POM), which Chronicle
 * Queue and Agrona need, and writing the results as JSON to a file it names unless {@code -rf} or
 * {@code -rff} chose otherwise.
 */
public final class BenchmarkMain
{
    /** Where results go when the command line does not say. */
    public static final Path DEFAULT_RESULT_FILE = Path.of("jmh-result.json");

    /** Exit code of a command line JMH refuses or a run that fails. */
    public static final int EXIT_FAILURE = 1;

    private BenchmarkMain()
    {
    }

    public static void main(final String[] args)
    {
        final int exitCode = run(args, System.out, System.err);
        if (exitCode != 0)
        {
            System.exit(exitCode);
        }
    }

    /**
     * Does what the JMH command line asks and returns the exit code.
     *
     * @param out hears the listings and where the results went.
     * @param err hears why a command line or a run failed.
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final CommandLineOptions commandLine;
        try
        {
            commandLine = new CommandLineOptions(args);
        }
        catch (final CommandLineOptionException ex)
        {
            err.println("Error parsing the JMH command line: " + ex.getMessage() + " (-h lists JMH's options)");
            return EXIT_FAILURE;
        }
        try
        {
            if (commandLine.shouldHelp())
            {
                commandLine.showHelp();
                return 0;
            }
            if (commandLine.shouldListProfilers())
            {
                commandLine.listProfilers();
                return 0;
            }
            if (commandLine.shouldListResultFormats())
            {
                commandLine.listResultFormats();
                return 0;
            }
            if (commandLine.shouldList() || commandLine.shouldListWithParams())
            {
                final Runner lister = new Runner(commandLine);
                if (commandLine.shouldList())
                {
                    lister.list();
                }
                else
                {
                    lister.listWithParams(commandLine);
                }
                return 0;
            }
            final OptionsBuilder options = new OptionsBuilder();
            options.parent(commandLine).jvmArgsAppend(jvmFlags());
            final String resultFile = resultFile(commandLine);
            if (commandLine.getResultFormat().hasValue() || commandLine.getResult().hasValue())
            {
                // -rf or -rff given: JMH writes where and how they say
                out.println("# results: " + resultFile);
            }
            else
            {
                options.resultFormat(ResultFormatType.JSON).result(resultFile);
                out.println("# results (JSON): " + resultFile);
            }
            new Runner(options.build()).run();
            out.println("# results written to " + Path.of(resultFile).toAbsolutePath());
            return 0;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final RunnerException ex)
        {
            err.println("The benchmark run failed: " + ex.getMessage());
            return EXIT_FAILURE;
        }
    }

    /** The file JMH writes: -rff, else jmh-result.&lt;format&gt; as JMH names it, else {@link #DEFAULT_RESULT_FILE}. */
    private static String resultFile(final CommandLineOptions commandLine)
    {
        if (commandLine.getResult().hasValue())
        {
            return commandLine.getResult().get();
        }
        if (commandLine.getResultFormat().hasValue())
        {
            return "jmh-result." + commandLine.getResultFormat().get().toString().toLowerCase(java.util.Locale.ROOT);
        }
        return DEFAULT_RESULT_FILE.toString();
    }

    /** The JVM flags every JVM of the project needs, from the parent POM. */
    public static String[] jvmFlags()
    {
        try (InputStream in = BenchmarkMain.class.getResourceAsStream("jvm.options"))
        {
            if (null == in)
            {
                throw new IllegalStateException("jvm.options is missing from the benchmarks jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().split("\\s+");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
