package dev.ticker.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code ticker} command in a JVM of its own (this JVM's flags and classpath), for what writes
 * to the process's own standard streams (JMH) or needs a heap of its own size.
 */
final class CliProcess
{
    /** What the process printed (both streams) and how it ended. */
    record Result(int exitCode, String output)
    {
    }

    private CliProcess()
    {
    }

    /**
     * Runs {@code ticker args} in {@code directory} and waits for it.
     *
     * @param jvmFlags extra JVM flags, e.g. {@code -Xmx256m} (this JVM's -Xmx is then left out).
     */
    static Result run(final Path directory, final long deadlineSeconds, final List<String> jvmFlags, final String... args)
        throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (!argument.startsWith("-agentlib") && !argument.startsWith("-javaagent") && !argument.startsWith("-Xmx"))
            {
                command.add(argument);
            }
        }
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TickerCli.class.getName()));
        command.addAll(List.of(args));
        final Path log = Files.createTempFile(directory, "cli-", ".log");
        final Process process = new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        try
        {
            assertTrue(process.waitFor(deadlineSeconds, TimeUnit.SECONDS), "ticker " + String.join(" ", args) +
                " ends within " + deadlineSeconds + " s");
        }
        finally
        {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        final String output = Files.readString(log);
        Files.delete(log);
        return new Result(process.exitValue(), output);
    }
}
