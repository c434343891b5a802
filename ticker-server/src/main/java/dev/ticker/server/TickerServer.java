package dev.ticker.server;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.ticker.journal.AgentErrorHandler;
import dev.ticker.journal.TickJournal;
import dev.ticker.server.bars.BarStore;
import dev.ticker.server.config.ServerConfiguration;
import dev.ticker.server.http.BarsHandler;
import dev.ticker.server.http.ClientListener;
import dev.ticker.server.http.HealthHandler;
import dev.ticker.server.http.InstrumentsHandler;
import dev.ticker.server.http.JournalHandler;
import dev.ticker.server.http.MetricsHandler;
import dev.ticker.server.http.StatusSource;
import dev.ticker.server.limits.ConnectionLimiter;
import dev.ticker.server.limits.HttpRateLimit;
import dev.ticker.server.limits.OriginCheck;
import dev.ticker.server.limits.PendingHandshakes;
import dev.ticker.server.metrics.ConnectionCounters;
import dev.ticker.server.metrics.ServerCounters;
import dev.ticker.server.metrics.ServerMetrics;
import dev.ticker.server.session.SessionCommand;
import dev.ticker.server.session.StreamEndpoint;
import dev.ticker.server.stream.FanOut;
import dev.ticker.server.stream.IoThreadAgentRunner;
import dev.ticker.server.stream.StreamAgent;
import dev.ticker.server.ws.BufferPool;
import dev.ticker.server.ws.IoThreadBuffers;
import dev.ticker.server.security.ReplayEntitlementCheck;
import dev.ticker.server.security.ServerSecurity;
import dev.ticker.server.security.ServerTls;
import dev.ticker.server.security.SubjectConnections;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import org.agrona.CloseHelper;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Ticker server: on the client port (HTTP, or HTTPS with a certificate) the WebSocket stream at
 * {@code /ws}, the bar history at {@code GET /api/bars}, the instruments at {@code GET /api/instruments},
 * the journal's range at {@code GET /api/journal} and the dashboard's static files at {@code /}, each
 * behind the checks of {@link ServerSecurity}; on the admin port (loopback by default)
 * {@code GET /health} and {@code GET /metrics}. Each of Undertow's IO
 * threads is a fan-out thread: it runs a {@link StreamAgent} that tails the journal for the
 * connections that thread owns and writes their frames itself.
 */
public final class TickerServer implements AutoCloseable
{
    /** Classpath folder of the dashboard's built files. */
    public static final String DASHBOARD_RESOURCES = "ticker-dashboard";
    private static final int COMMAND_QUEUE_CAPACITY = 64 * 1024;
    /** An idle fan-out thread looks at the journal again after this long: the IO thread's timer has millisecond steps. */
    private static final long IDLE_DELAY_MS = 1;
    /** Threads for HTTP requests that read files or the journal, away from the IO threads. */
    private static final int HTTP_WORKER_THREADS = 8;
    /** Descriptors kept free below the process's limit when accepting stops (see {@link #acceptHighWater}). */
    private static final int DESCRIPTOR_HEADROOM = 512;
    /** Accepting resumes once this many connections fewer are open than where it stopped. */
    private static final int ACCEPT_RESUME_BELOW = 64;
    private static final int MAX_ACCEPTED = 1_000_000;

    private final Undertow undertow;
    private final ClientListener clientListener;
    private final XnioWorker worker;
    private final FanOut fanOut;
    private final ServerCounters counters;
    private final ConnectionCounters connectionCounters;
    private final ConnectionLimiter limiter;
    private final PendingHandshakes pendingHandshakes;
    private final AgentErrorHandler errorHandler;
    private final InetSocketAddress address;
    private final InetSocketAddress adminAddress;
    private final ServerSecurity security;

    private TickerServer(
        final Undertow undertow,
        final ClientListener clientListener,
        final XnioWorker worker,
        final FanOut fanOut,
        final ServerCounters counters,
        final ConnectionCounters connectionCounters,
        final ConnectionLimiter limiter,
        final PendingHandshakes pendingHandshakes,
        final AgentErrorHandler errorHandler,
        final InetSocketAddress adminAddress,
        final ServerSecurity security)
    {
        this.clientListener = clientListener;
        this.pendingHandshakes = pendingHandshakes;
        this.adminAddress = adminAddress;
        this.security = security;
        this.undertow = undertow;
        this.worker = worker;
        this.fanOut = fanOut;
        this.counters = counters;
        this.connectionCounters = connectionCounters;
        this.limiter = limiter;
        this.errorHandler = errorHandler;
        this.address = clientListener.address();
    }

    /**
     * Starts serving the journal. The journal stays the caller's to close, after the server.
     *
     * @throws IllegalArgumentException for a bad setting, or a port that is taken.
     */
    public static TickerServer start(final ServerConfiguration configuration, final TickJournal journal)
    {
        return start(configuration, journal, StatusSource.NONE);
    }

    /**
     * Starts serving the journal, with {@code beside}'s state in {@code /health} and {@code /metrics}
     * (a fleet edge's follower of the topic). The journal stays the caller's to close, after the server.
     *
     * @throws IllegalArgumentException for a bad setting, or a port that is taken.
     */
    public static TickerServer start(final ServerConfiguration configuration, final TickJournal journal, final StatusSource beside)
    {
        configuration.validate();
        final int threads = configuration.effectiveFanOutThreads();
        final XnioWorker worker = createWorker(threads);
        final ServerCounters counters = new ServerCounters(threads);
        final OffsetEpochNanoClock epochClock = new OffsetEpochNanoClock();
        final AgentErrorHandler errorHandler = new AgentErrorHandler("fan-out");
        final AtomicInteger replaySlots = new AtomicInteger();
        final FanOut fanOut = new FanOut(threads);
        BarStore httpBars = null;
        for (int i = 0; i < threads; i++)
        {
            final ManyToOneConcurrentArrayQueue<SessionCommand> commands = new ManyToOneConcurrentArrayQueue<>(COMMAND_QUEUE_CAPACITY);
            final BarStore bars = new BarStore(configuration.barHistoryLimit());
            final StreamAgent agent = new StreamAgent(
                i, replaySlots, configuration, journal, commands, counters.part(i), bars, SystemNanoClock.INSTANCE, epochClock);
            final IoThreadBuffers buffers = new IoThreadBuffers(IoThreadBuffers.DEFAULT_READ_BUFFER_BYTES,
                new BufferPool(IoThreadBuffers.DEFAULT_CHUNK_BYTES, Math.max(1, configuration.maxOwedBytes() / threads / IoThreadBuffers.DEFAULT_CHUNK_BYTES)));
            fanOut.add(i, new IoThreadAgentRunner(agent, worker.getIoThread(i), errorHandler, IDLE_DELAY_MS), commands, buffers);
            httpBars = null == httpBars ? bars : httpBars;
        }

        final ConnectionCounters connectionCounters = new ConnectionCounters();
        final ConnectionLimiter limiter = new ConnectionLimiter(configuration.maxConnections(), configuration.maxConnectionsPerAddress());
        final PendingHandshakes pendingHandshakes = new PendingHandshakes(configuration.maxPendingHandshakesPerAddress());

        final ServerSecurity security;
        try
        {
            security = ServerSecurity.start(configuration, journal);
        }
        catch (final RuntimeException ex)
        {
            worker.shutdownNow();
            throw ex;
        }
        final StreamEndpoint endpoint = new StreamEndpoint(configuration, fanOut, counters, connectionCounters, limiter, pendingHandshakes,
            security.guards());
        final HttpHandler http = Handlers.path()
            .addExactPath("/api/bars", security.api(getOnly(new BarsHandler(journal, httpBars,
                configuration.maxBarsPerRequest(), configuration.barsJournalRecords(), counters))))
            .addExactPath("/api/instruments", security.api(getOnly(new InstrumentsHandler(journal))))
            .addExactPath("/api/journal", security.api(new ReplayEntitlementCheck(getOnly(new JournalHandler(journal)))))
            .addPrefixPath("/", getOnly(dashboard()));
        // every request on the client port, WebSocket handshakes included, takes from its address's rate: a flood of
        // handshakes is answered 429 before the upgrade, cheaply, rather than each refused after it
        final HttpHandler routes = new HttpRateLimit(configuration.httpRequestsPerSecond(), configuration.httpRequestBurst(),
            SystemNanoClock.INSTANCE, connectionCounters, Handlers.path()
                .addExactPath("/ws", new OriginCheck(configuration.allowedOrigins(), security.webSocket(endpoint::onUpgraded)))
                .addPrefixPath("/", http));
        // operators' endpoints on a listener of their own, loopback by default: clients never reach them
        final PrometheusRegistry registry = ServerMetrics.registry(counters, connectionCounters, limiter, pendingHandshakes, errorHandler::errorCount, epochClock);
        beside.register(registry);
        final HttpHandler adminRoutes = Handlers.path()
            .addExactPath("/health", getOnly(new HealthHandler(counters, limiter::connections, journal, configuration, epochClock, beside)))
            .addExactPath("/metrics", getOnly(new MetricsHandler(registry)));

        // a connection that opens and sends nothing, or only part of its request, is closed
        // after this, so half-open connections cannot hold descriptors
        final OptionMap httpTimeouts = OptionMap.builder()
            .set(UndertowOptions.NO_REQUEST_TIMEOUT, configuration.handshakeTimeoutMs())
            .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, configuration.handshakeTimeoutMs())
            .getMap();
        final OptionMap.Builder socketOptions = OptionMap.builder();
        if (configuration.socketSendBufferBytes() > 0)
        {
            socketOptions.set(Options.SEND_BUFFER, configuration.socketSendBufferBytes());
        }
        final Undertow undertow = Undertow.builder()
            .setWorker(worker)
            .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, configuration.handshakeTimeoutMs())
            .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, configuration.handshakeTimeoutMs())
            .addListener(new Undertow.ListenerBuilder()
                .setType(Undertow.ListenerType.HTTP)
                .setPort(configuration.effectiveAdminPort())
                .setHost(configuration.adminHost())
                .setRootHandler(security.everything(configuration.adminHost(), adminRoutes)))
            .build();
        fanOut.start();
        ClientListener clientListener = null;
        try
        {
            clientListener = ClientListener.open(worker, configuration.host(), configuration.port(), httpTimeouts,
                socketOptions.getMap(), security.isTls() ? security.tls().context() : null, ServerTls.PROTOCOLS, pendingHandshakes,
                security.everything(configuration.host(), routes));
            undertow.start();
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(clientListener);
            CloseHelper.quietClose(fanOut);
            CloseHelper.quietClose(security);
            CloseHelper.quietClose(undertow::stop);
            worker.shutdownNow();
            if (hasCause(ex, BindException.class))
            {
                final boolean admin = null != clientListener;
                final String key = admin ? "adminPort" : "port";
                final int port = admin ? configuration.effectiveAdminPort() : configuration.port();
                throw new IllegalArgumentException(key + "=" + port + ": cannot listen on " +
                    (admin ? configuration.adminHost() : configuration.host()) + ":" + port + " (" + rootMessage(ex) + ")", ex);
            }
            throw ex;
        }
        final InetSocketAddress adminAddress = (InetSocketAddress)undertow.getListenerInfo().get(0).getAddress();
        return new TickerServer(undertow, clientListener, worker, fanOut, counters, connectionCounters, limiter, pendingHandshakes,
            errorHandler, adminAddress, security);
    }

    /**
     * Connections the server accepts before it stops accepting: below the process's descriptor
     * limit by {@link #DESCRIPTOR_HEADROOM}, so that reaching it leaves descriptors for the journal's
     * files and rolls instead of failing them, and accepting resumes by itself as connections close.
     */
    static int acceptHighWater()
    {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix)
        {
            final long max = unix.getMaxFileDescriptorCount();
            return (int)Math.max(2L * ACCEPT_RESUME_BELOW, Math.min(MAX_ACCEPTED, max - DESCRIPTOR_HEADROOM));
        }
        return MAX_ACCEPTED;
    }

    /** The IO threads, which are the fan-out threads, and the worker threads that answer blocking HTTP requests. */
    private static XnioWorker createWorker(final int ioThreads)
    {
        final int highWater = acceptHighWater();
        try
        {
            return Xnio.getInstance(Undertow.class.getClassLoader()).createWorker(OptionMap.builder()
                .set(Options.WORKER_IO_THREADS, ioThreads)
                .set(Options.WORKER_TASK_CORE_THREADS, HTTP_WORKER_THREADS)
                .set(Options.WORKER_TASK_MAX_THREADS, HTTP_WORKER_THREADS)
                .set(Options.TCP_NODELAY, true)
                .set(Options.CONNECTION_HIGH_WATER, highWater)
                .set(Options.CONNECTION_LOW_WATER, highWater - ACCEPT_RESUME_BELOW)
                .getMap());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start the server's IO threads", ex);
        }
    }

    /** The port the server listens on (the actual one when configured with 0). */
    public int port()
    {
        return address.getPort();
    }

    /** The dashboard's address, e.g. http://127.0.0.1:8080/, or https://... with TLS. */
    public String url()
    {
        return (security.isTls() ? "https://" : "http://") + hostOf(address) + ":" + port() + "/";
    }

    /** The port of the admin listener: /health and /metrics. */
    public int adminPort()
    {
        return adminAddress.getPort();
    }

    /** The admin listener's address, e.g. http://127.0.0.1:8081/ (its /health and /metrics). */
    public String adminUrl()
    {
        return "http://" + hostOf(adminAddress) + ":" + adminPort() + "/";
    }

    /**
     * Loads the TLS certificate and key files again for new handshakes (what SIGHUP does).
     *
     * @return false without TLS, or when the files do not hold a good pair (the one in use stays).
     */
    public boolean reloadTls()
    {
        return security.isTls() && security.tls().reload();
    }

    /** The TLS of the client port, or null without it. */
    public ServerTls tls()
    {
        return security.tls();
    }

    /** Open connections per token subject. */
    public SubjectConnections subjectConnections()
    {
        return security.guards().subjects();
    }

    private static String hostOf(final InetSocketAddress address)
    {
        return address.getAddress().isAnyLocalAddress() ? "localhost" :
            address.getAddress().getHostAddress().contains(":") ? "[" + address.getAddress().getHostAddress() + "]" :
            address.getAddress().getHostAddress();
    }

    public ServerCounters counters()
    {
        return counters;
    }

    /** What happened to WebSocket connections: opened, refused, closed, timed out. */
    public ConnectionCounters connectionCounters()
    {
        return connectionCounters;
    }

    /** Connections still in their handshake, and those refused at accept for it. */
    public PendingHandshakes pendingHandshakes()
    {
        return pendingHandshakes;
    }

    /** WebSocket connections open now. */
    public int connections()
    {
        return limiter.connections();
    }

    /** Errors the stream agent has met (each is logged once). */
    public long agentErrorCount()
    {
        return errorHandler.errorCount();
    }

    @Override
    public void close()
    {
        try
        {
            // the fan-out threads close their sessions and readers on their own IO threads, first
            clientListener.close();
            fanOut.close();
            undertow.stop();
        }
        finally
        {
            security.close();
            worker.shutdownNow();
        }
    }

    private static HttpHandler dashboard()
    {
        final ResourceHandler resources = Handlers.resource(
            new ClassPathResourceManager(TickerServer.class.getClassLoader(), DASHBOARD_RESOURCES));
        resources.setWelcomeFiles("index.html");
        resources.setDirectoryListingEnabled(false);
        return resources;
    }

    private static HttpHandler getOnly(final HttpHandler next)
    {
        return exchange ->
        {
            if (Methods.GET.equals(exchange.getRequestMethod()) || Methods.HEAD.equals(exchange.getRequestMethod()))
            {
                next.handleRequest(exchange);
            }
            else
            {
                exchange.setStatusCode(StatusCodes.METHOD_NOT_ALLOWED);
                exchange.getResponseHeaders().put(io.undertow.util.Headers.ALLOW, "GET, HEAD");
                exchange.endExchange();
            }
        };
    }

    private static boolean hasCause(final Throwable ex, final Class<? extends Throwable> type)
    {
        for (Throwable t = ex; null != t; t = t.getCause())
        {
            if (type.isInstance(t))
            {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(final Throwable ex)
    {
        Throwable root = ex;
        while (null != root.getCause())
        {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
