package dev.ticker.benchmarks.load.server;

import dev.ticker.benchmarks.BenchmarkMain;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Ticker server with an embedded simulator in a process of its own, started by the load
 * generator so that the server's CPU time and memory can be read apart from the generator's
 * (by {@link ServerProbe}, as for a server the generator did not start).
 */
public final class ServerProcess implements AutoCloseable
{
    /** The command-line entry point of the product, on the generator's own class path. */
    static final String MAIN_CLASS = "dev.ticker.cli.TickerCli";
    /** The largest value the server's rate settings take. */
    private static final int MAX_SETTING = 1_000_000;

    private final Process process;
    private final Path dataDir;
    private final Path log;
    private final int port;
    /** The admin listener, where /health answers. */
    private final int adminPort;
    /** Whether the server was given a certificate: it then speaks wss only. */
    private final boolean tls;

    private ServerProcess(
        final Process process, final Path dataDir, final Path log, final int port, final int adminPort, final boolean tls)
    {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
        this.port = port;
        this.adminPort = adminPort;
        this.tls = tls;
    }

    /**
     * Starts the server and waits until it is healthy. Its connection limits are raised to admit
     * {@code clients} connections from this one address, unless {@code extraArgs} set them.
     *
     * @param cpus a {@code taskset -c} CPU list to pin the server to, or null.
     */
    public static ServerProcess start(
        final int rate,
        final int flushMs,
        final int clients,
        final List<String> extraArgs,
        final String cpus,
        final Path logFile)
        throws IOException, InterruptedException
    {
        final Path dataDir = Files.createTempDirectory("ticker-load-");
        final int port = freePort();
        final int adminPort = freePort();
        final List<String> command = new ArrayList<>();
        if (null != cpus)
        {
            // the server on the given CPUs only, so that the generator's work does not count as its
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.add(javaBinary("java").toString());
        command.addAll(List.of(BenchmarkMain.jvmFlags()));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN_CLASS, "demo",
            "--data", dataDir.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
            "--admin-port", Integer.toString(adminPort),
            "--rate", Integer.toString(rate), "--flush-ms", Integer.toString(flushMs)));
        // every client comes from this machine's one address: the per-address limits are raised to the run's clients,
        // and its handshakes must not be taken for a flood
        final Map<String, Integer> limits = new LinkedHashMap<>();
        limits.put("--max-connections", clients + 16);
        limits.put("--max-connections-per-address", clients + 16);
        limits.put("--max-pending-handshakes-per-address", clients + 16);
        limits.put("--http-requests-per-second", MAX_SETTING);
        limits.put("--http-request-burst", MAX_SETTING);
        limits.forEach((limit, value) ->
        {
            if (extraArgs.stream().noneMatch(arg -> arg.equals(limit) || arg.startsWith(limit + "=")))
            {
                command.addAll(List.of(limit, Integer.toString(value)));
            }
        });
        command.addAll(extraArgs);
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        final Process process = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(logFile.toFile())
            .start();
        final boolean tls = extraArgs.stream().anyMatch(arg -> arg.equals("--tls-cert") || arg.startsWith("--tls-cert="));
        final ServerProcess server = new ServerProcess(process, dataDir, logFile, port, adminPort, tls);
        server.awaitHealthy(Duration.ofSeconds(60));
        return server;
    }

    public URI webSocketUri()
    {
        return URI.create((tls ? "wss" : "ws") + "://127.0.0.1:" + port + "/ws");
    }

    public long pid()
    {
        return process.pid();
    }

    private void awaitHealthy(final Duration timeout) throws IOException, InterruptedException
    {
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/health"))
            .timeout(Duration.ofSeconds(2))
            .build();
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0)
        {
            if (!process.isAlive())
            {
                throw new IOException("the server exited with " + process.exitValue() + " before it was ready; its output is in " + log);
            }
            try
            {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200)
                {
                    return;
                }
            }
            catch (final IOException ex)
            {
                // not listening yet
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        close();
        throw new IOException("the server was not healthy within " + timeout + "; its output is in " + log);
    }

    @Override
    public void close() throws IOException
    {
        process.destroy();
        try
        {
            if (!process.waitFor(30, TimeUnit.SECONDS))
            {
                process.destroyForcibly().waitFor();
            }
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dataDir))
        {
            for (final Path file : files.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(file);
            }
        }
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    private static Path javaBinary(final String name)
    {
        return Path.of(System.getProperty("java.home"), "bin", name);
    }
}
