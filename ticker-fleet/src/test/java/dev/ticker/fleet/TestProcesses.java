package dev.ticker.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Starting JVMs of the module's own classes (writers, brokers) with the build's classpath and flags. */
final class TestProcesses
{
    private TestProcesses()
    {
    }

    /** The module's classes, test classes and every test dependency. */
    static String classpath()
    {
        final String file = System.getProperty("ticker.fleet.brokerClasspath");
        if (null == file)
        {
            throw new IllegalStateException("ticker.fleet.brokerClasspath is not set: run the tests through Maven");
        }
        try
        {
            final Path dependencies = Path.of(file);
            final Path target = dependencies.getParent();
            return target.resolve("test-classes") + java.io.File.pathSeparator + target.resolve("classes") +
                java.io.File.pathSeparator + Files.readString(dependencies).trim();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** A command line that runs {@code mainClass} in a new JVM with the project's JVM flags. */
    static List<String> javaCommand(final Class<?> mainClass, final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        final String flags = System.getProperty("ticker.fleet.jvmFlags", "");
        for (final String flag : flags.trim().split("\\s+"))
        {
            if (!flag.isEmpty())
            {
                command.add(flag);
            }
        }
        command.addAll(List.of("-Xmx256m", "-XX:+UseParallelGC", "-cp", classpath(), mainClass.getName()));
        command.addAll(Arrays.asList(args));
        return command;
    }
}
