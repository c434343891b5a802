package dev.ticker.benchmarks.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a load run does. With no {@code url} the generator starts its own server with an embedded
 * simulator at {@code rate} ticks/s in a separate process, so that the server's CPU and memory can
 * be measured apart from the generator's.
 *
 * @param url              the server's WebSocket address, or null to start one.
 * @param clients          connections to open.
 * @param symbols          the symbols to choose from; empty means every instrument ("all").
 * @param symbolsPerClient how many of {@code symbols} each client subscribes to (0 = all of them).
 * @param maxUpdatesPerSecond the subscription's update rate cap (0 = every tick).
 * @param rate             ticks/s of the embedded simulator (only when the generator starts the server).
 * @param flushMs          the started server's flush window.
 * @param warmup           run time before measuring.
 * @param duration         measured run time.
 * @param slowFraction     the fraction of clients that read slowly.
 * @param slowReadDelayMs  how long a slow client waits between frames.
 * @param threads          threads delivering frames to the clients.
 * @param seed             picks each client's symbols.
 * @param reportDir        where report.json, summary.txt and latency.png go.
 * @param serverArgs       extra arguments for the started server (e.g. limits).
 * @param serverCpus       CPUs to pin the started server to ({@code taskset -c} list, e.g. "0"), or null.
 * @param serverPid        the process id of the server at {@code url}, to measure its CPU, memory and GC; 0 for none.
 * @param profile          whether summary.txt shows the server's hot methods and allocation sites.
 * @param idle             whether the clients stay unsubscribed (idle connections: memory per connection, connections held).
 * @param trust            PEM certificates to trust for a wss:// server (its CA's, or its own), or null for the JVM's.
 * @param token            an access token for a server started with --auth token, sent as Authorization: Bearer; or null.
 */
public record LoadOptions(
    URI url,
    int clients,
    List<String> symbols,
    int symbolsPerClient,
    int maxUpdatesPerSecond,
    int rate,
    int flushMs,
    Duration warmup,
    Duration duration,
    double slowFraction,
    long slowReadDelayMs,
    int threads,
    long seed,
    Path reportDir,
    List<String> serverArgs,
    String serverCpus,
    long serverPid,
    boolean profile,
    boolean idle,
    Path trust,
    String token)
{
    public LoadOptions
    {
        symbols = List.copyOf(symbols);
        serverArgs = List.copyOf(serverArgs);
        require(clients >= 1 && clients <= 100_000, "--clients must be 1..100000, was " + clients);
        require(symbolsPerClient >= 0, "--symbols-per-client must be 0 or more, was " + symbolsPerClient);
        require(symbolsPerClient == 0 || !symbols.isEmpty(), "--symbols-per-client needs a --symbols list to choose from");
        require(symbolsPerClient <= symbols.size(), "--symbols-per-client " + symbolsPerClient + " is more than the " + symbols.size() + " symbols given");
        require(maxUpdatesPerSecond >= 0, "--max-rate must be 0 (every tick) or more, was " + maxUpdatesPerSecond);
        require(rate >= 1, "--rate must be at least 1 tick/s, was " + rate);
        require(flushMs >= 1, "--flush-ms must be at least 1, was " + flushMs);
        require(!warmup.isNegative(), "--warmup must not be negative, was " + warmup);
        require(!duration.isNegative() && !duration.isZero(), "--duration must be positive, was " + duration);
        require(slowFraction >= 0 && slowFraction <= 1, "--slow-fraction must be in 0..1, was " + slowFraction);
        require(slowReadDelayMs >= 1, "--slow-read-delay-ms must be at least 1, was " + slowReadDelayMs);
        require(threads >= 1, "--threads must be at least 1, was " + threads);
        require(null == serverCpus || serverCpus.matches("[0-9]+([-,][0-9]+)*"),
            "--server-cpus must be a CPU list such as 0 or 0-1 or 0,2, was " + serverCpus);
        require(null == serverCpus || null == url, "--server-cpus pins a server the generator starts; it cannot be used with --url");
        require(serverPid >= 0, "--server-pid must be a process id, was " + serverPid);
        require(0 == serverPid || null != url,
            "--server-pid measures a server the generator did not start: give its --url too (without --url the generator starts and measures its own)");
        require(!profile || null == url || 0 != serverPid,
            "--profile profiles the server: with --url, give its process id with --server-pid too");
        require(null == url || "ws".equals(url.getScheme()) || "wss".equals(url.getScheme()),
            "--url must be a ws:// or wss:// address, was " + url);
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
