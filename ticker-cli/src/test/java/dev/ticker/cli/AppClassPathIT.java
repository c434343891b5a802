package dev.ticker.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application folder the launcher runs ({@code target/app}, built by {@code package}): the
 * class path of {@code serve} and {@code demo} ({@code ticker-cli.jar} and {@code lib/}) holds no
 * JMH, JFreeChart or load-generator classes, and serves with them absent; {@code ticker bench}
 * works with {@code lib-bench/} added, as {@code ./ticker} adds it.
 */
@Timeout(120)
class AppClassPathIT
{
    private static final Path APP = Path.of("target", "app");
    private static final List<String> BENCH_ONLY = List.of("ticker-benchmarks", "jmh-core", "jfreechart", "HdrHistogram");

    @TempDir
    Path dir;

    @Test
    void shouldKeepTheBenchmarksOutOfTheServersClassPath() throws IOException
    {
        final List<String> lib = names(APP.resolve("lib"));
        final List<String> bench = names(APP.resolve("lib-bench"));
        for (final String artifact : BENCH_ONLY)
        {
            assertFalse(lib.stream().anyMatch(jar -> jar.startsWith(artifact)), artifact + " is not in lib: " + lib);
            assertTrue(bench.stream().anyMatch(jar -> jar.startsWith(artifact)), artifact + " is in lib-bench: " + bench);
        }
    }

    @Test
    void shouldServeWithoutTheBenchmarkLibraries() throws Exception
    {
        final Process server = start(dir.resolve("serve.log"), false, "serve", "--data", dir.resolve("data").toString(), "--port", "0");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line = out.readLine();
            while (null != line && !line.contains("dashboard "))
            {
                line = out.readLine();
            }
            assertTrue(null != line && line.matches(".*dashboard\\s+http://127\\.0\\.0\\.1:\\d+/.*"),
                "the server started and named its dashboard: " + Files.readString(dir.resolve("serve.log")));
        }
        finally
        {
            server.destroy();
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server stops on SIGTERM");
        }
    }

    @Test
    void shouldRunTheBenchmarksWithLibBenchAndSayWhatIsMissingWithout() throws Exception
    {
        final Process withBench = start(dir.resolve("with.log"), true, "bench", "jmh", "-l");
        assertTrue(withBench.waitFor(60, TimeUnit.SECONDS));
        final String listed = new String(withBench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, withBench.exitValue(), Files.readString(dir.resolve("with.log")));
        assertTrue(listed.contains("dev.ticker.benchmarks.JournalBenchmark.append"), listed);

        final Process without = start(dir.resolve("without.log"), false, "bench", "jmh", "-l");
        assertTrue(without.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, without.exitValue());
        assertTrue(Files.readString(dir.resolve("without.log")).contains("the benchmarks are not on the class path"),
            Files.readString(dir.resolve("without.log")));
    }

    private static Process start(final Path log, final boolean bench, final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("@" + APP.resolve("jvm.options"));
        command.add("-cp");
        command.add(APP.resolve("ticker-cli.jar") + ":" + APP.resolve("lib") + "/*" + (bench ? ":" + APP.resolve("lib-bench") + "/*" : ""));
        command.add(TickerCli.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(log.toFile()).start();
    }

    private static List<String> names(final Path folder) throws IOException
    {
        try (Stream<Path> jars = Files.list(folder))
        {
            return jars.map(jar -> jar.getFileName().toString()).sorted().toList();
        }
    }
}
