package dev.ticker.benchmarks;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Runs the JMH benchmarks with JMH's usual command line, adding to every fork the JVM flags the
 * project sets in one place (the parent POM), which Chronicle Queue and Agrona need.
 */
public final class BenchmarkMain
{
    private BenchmarkMain()
    {
    }

    public static void main(final String[] args) throws RunnerException, CommandLineOptionException
    {
        final CommandLineOptions commandLine = new CommandLineOptions(args);
        new Runner(new OptionsBuilder()
            .parent(commandLine)
            .jvmArgsAppend(jvmFlags())
            .build()).run();
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
