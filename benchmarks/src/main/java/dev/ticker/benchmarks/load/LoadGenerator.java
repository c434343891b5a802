package dev.ticker.benchmarks.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ticker.benchmarks.load.server.ServerFigures;
import dev.ticker.benchmarks.load.server.ServerProbe;
import dev.ticker.benchmarks.load.server.ServerProcess;
import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.Subscribe;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket load generator for the Ticker protocol: opens many connections from a few threads
 * (the JDK's non-blocking client, one selector for all), subscribes them, and measures what they
 * receive — ticks and frames per second, latency from each tick's journal event time to its
 * receipt, delivery stalls, continuity (sequence gaps), conflation, errors and closes — plus, for a
 * server it started or was given the process id of, the server's CPU per million ticks, memory per
 * idle connection and GC pauses ({@link ServerFigures}).
 *
 * <p>Latency is measured from the time the tick was written to the journal (its event time, set by
 * the live simulator from the wall clock), not from when a request was sent, so a stalled server or
 * client is charged for every tick it delays: the figures are free of coordinated omission by
 * construction. Both clocks are the same machine's.
 */
public final class LoadGenerator
{
    private static final int CONCURRENT_HANDSHAKES = 256;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

    private final LoadOptions options;
    private final PrintStream progress;
    private final EpochNanoClock clock = new EpochNanoClock();
    private final Recorder latency = new Recorder(ClientStats.HIGHEST_LATENCY_NS, 3);
    private final List<LoadClient> clients = new ArrayList<>();
    private final MeasuredWindow window = new MeasuredWindow();
    private final SilenceTracker silence = new SilenceTracker(window);

    public LoadGenerator(final LoadOptions options, final PrintStream progress)
    {
        this.options = options;
        this.progress = progress;
    }

    /** Runs the load, writes the report files and returns the report. */
    public LoadReport run() throws IOException, InterruptedException
    {
        Files.createDirectories(options.reportDir());
        final ExecutorService delivery = Executors.newFixedThreadPool(options.threads(), daemon("load-client"));
        final ScheduledExecutorService slowReads = Executors.newSingleThreadScheduledExecutor(daemon("load-slow-reader"));
        ServerProcess server = null;
        try
        {
            final URI uri;
            final ServerProbe probe;
            if (null == options.url())
            {
                progress.printf("starting a server with the simulator at %,d ticks/s...%n", options.rate());
                server = ServerProcess.start(options.rate(), options.flushMs(), options.clients(), options.serverArgs(), options.serverCpus(),
                    options.reportDir().resolve("server.log"));
                uri = server.webSocketUri();
                probe = ServerProbe.of(server.pid());
            }
            else
            {
                uri = options.url();
                probe = 0 == options.serverPid() ? null : ServerProbe.of(options.serverPid());
            }
            final HttpClient.Builder httpBuilder = HttpClient.newBuilder().executor(delivery);
            if (null != options.trust())
            {
                httpBuilder.sslContext(TrustFile.sslContext(options.trust()));
            }
            final HttpClient http = httpBuilder.build();
            final ServerFigures figures = null == probe ? null : new ServerFigures(probe, options.reportDir().resolve("server.jfr"));

            if (null != figures)
            {
                figures.beforeConnecting();
            }
            connect(http, uri, slowReads);
            final int connected = (int)clients.stream().filter(c -> null != c.webSocket() && !c.closed().isDone()).count();
            if (null != figures)
            {
                figures.afterConnecting(connected);
            }

            if (options.idle())
            {
                progress.printf("%,d connected, idle (no subscription); warming up for %s%n", connected, options.warmup());
            }
            else
            {
                subscribe();
                progress.printf("%,d connected and subscribed; warming up for %s%n", connected, options.warmup());
            }
            pause(options.warmup());

            if (null != figures)
            {
                figures.startWindow(options.profile());
            }
            latency.reset();
            window.open(clock.epochNanos());
            final Totals start = totals();
            final long startNs = System.nanoTime();
            final long endNs = startNs + options.duration().toNanos();
            Totals last = start;
            while (System.nanoTime() - endNs < 0)
            {
                pause(Duration.ofNanos(Math.min(TimeUnit.SECONDS.toNanos(1), endNs - System.nanoTime())));
                final Totals now = totals();
                progress.printf("  %5.1f s  %,12.0f ticks/s  %,10.0f frames/s  gaps %,d%n",
                    (System.nanoTime() - startNs) / 1e9, now.rate(last).ticks(), now.rate(last).frames(), now.gaps());
                last = now;
            }
            window.close(clock.epochNanos());
            final double seconds = (System.nanoTime() - startNs) / 1e9;
            final Totals end = totals();
            final Histogram histogram = latency.getIntervalHistogram();
            if (null != figures)
            {
                figures.endWindow();
            }

            final LoadReport report = report(uri, null != server, figures, connected, seconds, start, end, histogram);
            write(report, histogram);
            return report;
        }
        finally
        {
            for (final LoadClient client : clients)
            {
                final WebSocket webSocket = client.webSocket();
                if (null != webSocket)
                {
                    webSocket.abort();
                }
            }
            delivery.shutdownNow();
            slowReads.shutdownNow();
            if (null != server)
            {
                server.close();
            }
        }
    }

    private void connect(final HttpClient http, final URI uri, final ScheduledExecutorService slowReads)
        throws IOException
    {
        final int slowClients = (int)Math.round(options.clients() * options.slowFraction());
        final List<CompletableFuture<WebSocket>> pending = new ArrayList<>();
        for (int i = 0; i < options.clients(); i++)
        {
            final LoadClient client = new LoadClient(new ClientStats(latency, new StallTracker(window), silence), clock, slowReads,
                i < slowClients ? options.slowReadDelayMs() : 0);
            clients.add(client);
            final WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT);
            if (null != options.token())
            {
                builder.header("Authorization", "Bearer " + options.token());
            }
            pending.add(builder.buildAsync(uri, client));
            if (pending.size() == CONCURRENT_HANDSHAKES || i == options.clients() - 1)
            {
                for (final CompletableFuture<WebSocket> handshake : pending)
                {
                    try
                    {
                        handshake.get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    }
                    catch (final Exception ex)
                    {
                        throw new IOException("could not connect client " + (clients.size() - pending.size() + pending.indexOf(handshake) + 1) +
                            " of " + options.clients() + " to " + uri + ": " + rootMessage(ex), ex);
                    }
                }
                pending.clear();
                progress.printf("  %,d of %,d connected%n", clients.size(), options.clients());
            }
        }
    }

    private void subscribe()
    {
        final Random random = new Random(options.seed());
        int requestId = 1;
        final List<CompletableFuture<WebSocket>> sends = new ArrayList<>();
        for (final LoadClient client : clients)
        {
            final Subscribe.Builder subscribe = Subscribe.newBuilder()
                .setRequestId(requestId++)
                .setMaxUpdatesPerSecond(options.maxUpdatesPerSecond());
            if (options.symbols().isEmpty())
            {
                subscribe.setAll(true);
            }
            else if (options.symbolsPerClient() == 0)
            {
                subscribe.addAllSymbols(options.symbols());
            }
            else
            {
                final List<String> shuffled = new ArrayList<>(options.symbols());
                Collections.shuffle(shuffled, random);
                subscribe.addAllSymbols(shuffled.subList(0, options.symbolsPerClient()));
            }
            final byte[] bytes = ClientMessage.newBuilder().setSubscribe(subscribe).build().toByteArray();
            sends.add(client.webSocket().sendBinary(ByteBuffer.wrap(bytes), true));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
    }

    private LoadReport report(
        final URI uri,
        final boolean serverStarted,
        final ServerFigures figures,
        final int connected,
        final double seconds,
        final Totals start,
        final Totals end,
        final Histogram histogram)
    {
        final long ticks = end.ticks() - start.ticks();
        final long frames = end.frames() - start.frames();
        final long journalTicks = end.head() - start.head();
        final Map<String, Long> errors = new TreeMap<>();
        final Map<String, Long> closes = new TreeMap<>();
        final long[] stalls = new long[clients.size()];
        long negative = 0;
        long old = 0;
        for (int i = 0; i < clients.size(); i++)
        {
            final LoadClient client = clients.get(i);
            client.stats().errorsByCode().forEach((code, count) -> errors.merge(code.name(), count, Long::sum));
            if (client.closed().isDone())
            {
                closes.merge(Integer.toString(client.closed().join()), 1L, Long::sum);
            }
            negative += client.stats().negativeLatencies;
            old += client.stats().unmeasuredLatencies;
            stalls[i] = client.stats().stall().longestNs();
        }
        final LoadReport.Settings settings = new LoadReport.Settings(uri.toString(), serverStarted, options.clients(), options.idle(),
            options.symbols().isEmpty() ? "all" : String.join(",", options.symbols()), options.symbolsPerClient(),
            options.maxUpdatesPerSecond(), options.rate(), options.flushMs(), options.warmup().toMillis() / 1e3,
            options.duration().toMillis() / 1e3, options.slowFraction(), options.slowReadDelayMs(), options.threads());
        return new LoadReport(settings, connected, seconds, ticks, ticks / seconds, frames, frames / seconds,
            (end.bytes() - start.bytes()) / seconds / 1e6, journalTicks, journalTicks / seconds,
            new LoadReport.Latency(histogram.getTotalCount(), micros(histogram, 50), micros(histogram, 90),
                micros(histogram, 99), micros(histogram, 99.9), histogram.getMaxValue() / 1e3, histogram.getMean() / 1e3),
            LoadReport.Stalls.of(stalls, silence.longestNs()),
            end.gaps(), end.missing(), end.conflated() - start.conflated(), errors, closes, negative, old,
            null == figures ? null : figures.report(seconds, ticks, frames, journalTicks));
    }

    private void write(final LoadReport report, final Histogram histogram) throws IOException
    {
        final Path dir = options.reportDir();
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("report.json").toFile(), report);
        Files.writeString(dir.resolve("summary.txt"), report.summary(options.profile()));
        if (histogram.getTotalCount() > 0)
        {
            LatencyChart.write(histogram, "Ticker: journal → client latency, " + report.settings().clients() + " clients",
                dir.resolve("latency.png"));
        }
    }

    private Totals totals()
    {
        long ticks = 0;
        long frames = 0;
        long bytes = 0;
        long gaps = 0;
        long missing = 0;
        long conflated = 0;
        long head = 0;
        for (final LoadClient client : clients)
        {
            final ClientStats stats = client.stats();
            ticks += stats.ticks;
            frames += stats.frames;
            bytes += stats.bytes;
            gaps += stats.gaps;
            missing += stats.missingSequences;
            conflated += stats.conflated;
            head = Math.max(head, stats.headSequence);
        }
        return new Totals(System.nanoTime(), ticks, frames, bytes, gaps, missing, conflated, head);
    }

    private record Totals(long atNs, long ticks, long frames, long bytes, long gaps, long missing, long conflated, long head)
    {
        Rate rate(final Totals earlier)
        {
            final double seconds = Math.max(1e-9, (atNs - earlier.atNs) / 1e9);
            return new Rate((ticks - earlier.ticks) / seconds, (frames - earlier.frames) / seconds);
        }
    }

    private record Rate(double ticks, double frames)
    {
    }

    private static double micros(final Histogram histogram, final double percentile)
    {
        return histogram.getValueAtPercentile(percentile) / 1e3;
    }

    private static void pause(final Duration duration) throws InterruptedException
    {
        // the load runs for a stated time: waiting out that time is the measurement itself
        TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    }

    private static String rootMessage(final Throwable error)
    {
        Throwable cause = error;
        while (null != cause.getCause())
        {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static java.util.concurrent.ThreadFactory daemon(final String name)
    {
        return runnable ->
        {
            final Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
