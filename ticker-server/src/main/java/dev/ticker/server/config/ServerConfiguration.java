package dev.ticker.server.config;

import dev.ticker.server.stream.BatchEncoder;
import org.agrona.concurrent.NanoClock;

import java.util.List;
import java.util.Locale;

import static dev.ticker.server.config.ServerSettings.*;

/**
 * The settings of one server, set by the CLI or by code that embeds the server. Their keys,
 * defaults, ranges and flags are described once in {@link ServerSettings}; {@link #validate()}
 * checks them once before the server starts and names the first bad one as {@code key=value: why}.
 */
public final class ServerConfiguration
{
    private String host = HOST.defaultValue();
    private int port = PORT.defaultValue();
    private int flushIntervalMs = FLUSH_INTERVAL_MS.defaultValue();
    private int heartbeatIntervalMs = HEARTBEAT_INTERVAL_MS.defaultValue();
    private int maxInboundMessageBytes = MAX_INBOUND_MESSAGE_BYTES.defaultValue();
    private int maxSymbolsPerConnection = MAX_SYMBOLS_PER_CONNECTION.defaultValue();
    private int maxSessionBufferBytes = MAX_SESSION_BUFFER_BYTES.defaultValue();
    private int readBatchLimit = READ_BATCH_LIMIT.defaultValue();
    private long maxHealthyLag = MAX_HEALTHY_LAG.defaultValue();
    private int maxHealthyStallMs = MAX_HEALTHY_STALL_MS.defaultValue();
    private int pingIntervalMs = PING_INTERVAL_MS.defaultValue();
    private int pingTimeoutMs = PING_TIMEOUT_MS.defaultValue();
    private int resumeAheadWaitMs = RESUME_AHEAD_WAIT_MS.defaultValue();
    private int maxControlMessagesPerSecond = MAX_CONTROL_MESSAGES_PER_SECOND.defaultValue();
    private int controlMessageBurst = CONTROL_MESSAGE_BURST.defaultValue();
    private int maxConnections = MAX_CONNECTIONS.defaultValue();
    private int maxConnectionsPerAddress = MAX_CONNECTIONS_PER_ADDRESS.defaultValue();
    private List<String> allowedOrigins = List.of(ALLOWED_ORIGINS.defaultValue());
    private int conflateAboveBytes = CONFLATE_ABOVE_BYTES.defaultValue();
    private int idleTimeoutMs = IDLE_TIMEOUT_MS.defaultValue();
    private int resumeBatchLimit = RESUME_BATCH_LIMIT.defaultValue();
    private int warmUpDays = WARM_UP_DAYS.defaultValue();
    private int barHistoryLimit = BAR_HISTORY_LIMIT.defaultValue();
    private int maxBarsPerRequest = MAX_BARS_PER_REQUEST.defaultValue();
    private int barsJournalRecords = BARS_JOURNAL_RECORDS.defaultValue();
    private int maxReplays = MAX_REPLAYS.defaultValue();
    private int replayBatchLimit = REPLAY_BATCH_LIMIT.defaultValue();
    private NanoClock replayClock = REPLAY_CLOCK.defaultValue();
    private int fanOutThreads = FAN_OUT_THREADS.defaultValue();
    private int closeTimeoutMs = CLOSE_TIMEOUT_MS.defaultValue();
    private int maxOwedBytes = MAX_OWED_BYTES.defaultValue();
    private int maxDeferredRequests = MAX_DEFERRED_REQUESTS.defaultValue();
    private int handshakeTimeoutMs = HANDSHAKE_TIMEOUT_MS.defaultValue();
    private int maxPendingHandshakesPerAddress = MAX_PENDING_HANDSHAKES_PER_ADDRESS.defaultValue();
    private int httpRequestsPerSecond = HTTP_REQUESTS_PER_SECOND.defaultValue();
    private int httpRequestBurst = HTTP_REQUEST_BURST.defaultValue();
    private int maxDeferredBytes = MAX_DEFERRED_BYTES.defaultValue();
    private int socketSendBufferBytes = SOCKET_SEND_BUFFER_BYTES.defaultValue();
    private String tlsCert = TLS_CERT.defaultValue();
    private String tlsKey = TLS_KEY.defaultValue();
    private int tlsReloadCheckMs = TLS_RELOAD_CHECK_MS.defaultValue();
    private String auth = AUTH.defaultValue();
    private String tokenSecret = TOKEN_SECRET.defaultValue();
    private String tokenPublicKey = TOKEN_PUBLIC_KEY.defaultValue();
    private String tokenJwks = TOKEN_JWKS.defaultValue();
    private List<String> allowedHosts = List.of(ALLOWED_HOSTS.defaultValue());
    private List<String> corsOrigins = List.of(CORS_ORIGINS.defaultValue());
    private boolean allowUnauthenticatedRemote = ALLOW_UNAUTHENTICATED_REMOTE.defaultValue();
    private String adminHost = ADMIN_HOST.defaultValue();
    private int adminPort = ADMIN_PORT.defaultValue();

    /** Address to listen on; 0.0.0.0 for every interface. */
    public String host()
    {
        return host;
    }

    public ServerConfiguration host(final String host)
    {
        this.host = host;
        return this;
    }

    /** Port for HTTP and WebSocket; 0 picks a free one. */
    public int port()
    {
        return port;
    }

    public ServerConfiguration port(final int port)
    {
        this.port = port;
        return this;
    }

    /** Each connection gets at most one data frame per window. */
    public int flushIntervalMs()
    {
        return flushIntervalMs;
    }

    public ServerConfiguration flushIntervalMs(final int flushIntervalMs)
    {
        this.flushIntervalMs = flushIntervalMs;
        return this;
    }

    public int heartbeatIntervalMs()
    {
        return heartbeatIntervalMs;
    }

    public ServerConfiguration heartbeatIntervalMs(final int heartbeatIntervalMs)
    {
        this.heartbeatIntervalMs = heartbeatIntervalMs;
        return this;
    }

    /** Largest client message accepted; a larger one gets MESSAGE_TOO_LARGE and close 1009. */
    public int maxInboundMessageBytes()
    {
        return maxInboundMessageBytes;
    }

    public ServerConfiguration maxInboundMessageBytes(final int maxInboundMessageBytes)
    {
        this.maxInboundMessageBytes = maxInboundMessageBytes;
        return this;
    }

    public int maxSymbolsPerConnection()
    {
        return maxSymbolsPerConnection;
    }

    public ServerConfiguration maxSymbolsPerConnection(final int maxSymbolsPerConnection)
    {
        this.maxSymbolsPerConnection = maxSymbolsPerConnection;
        return this;
    }

    /**
     * Hard limit of data owed to one connection while its previous frame is still being written
     * (counted as if nothing were conflated); past it the connection is closed as too slow.
     */
    public int maxSessionBufferBytes()
    {
        return maxSessionBufferBytes;
    }

    public ServerConfiguration maxSessionBufferBytes(final int maxSessionBufferBytes)
    {
        this.maxSessionBufferBytes = maxSessionBufferBytes;
        return this;
    }

    /** Most journal records the stream agent reads in one duty cycle. */
    public int readBatchLimit()
    {
        return readBatchLimit;
    }

    public ServerConfiguration readBatchLimit(final int readBatchLimit)
    {
        this.readBatchLimit = readBatchLimit;
        return this;
    }

    /** /health reports unhealthy when the tailer is more records than this behind the journal head. */
    public long maxHealthyLag()
    {
        return maxHealthyLag;
    }

    public ServerConfiguration maxHealthyLag(final long maxHealthyLag)
    {
        this.maxHealthyLag = maxHealthyLag;
        return this;
    }

    /** /health reports stalled when the stream agent has not finished a duty cycle for this long. */
    public int maxHealthyStallMs()
    {
        return maxHealthyStallMs;
    }

    public ServerConfiguration maxHealthyStallMs(final int maxHealthyStallMs)
    {
        this.maxHealthyStallMs = maxHealthyStallMs;
        return this;
    }

    /** The server pings each connection this often; 0 sends no pings and closes no silent peer. */
    public int pingIntervalMs()
    {
        return pingIntervalMs;
    }

    public ServerConfiguration pingIntervalMs(final int pingIntervalMs)
    {
        this.pingIntervalMs = pingIntervalMs;
        return this;
    }

    /** A connection from which nothing (pong or any other frame) arrives for this long is closed as dead. */
    public int pingTimeoutMs()
    {
        return pingTimeoutMs;
    }

    public ServerConfiguration pingTimeoutMs(final int pingTimeoutMs)
    {
        this.pingTimeoutMs = pingTimeoutMs;
        return this;
    }

    /** How long a Resume beyond the journal's head waits for the head to reach it before RESUME_UNAVAILABLE; 0 answers at once. */
    public int resumeAheadWaitMs()
    {
        return resumeAheadWaitMs;
    }

    public ServerConfiguration resumeAheadWaitMs(final int resumeAheadWaitMs)
    {
        this.resumeAheadWaitMs = resumeAheadWaitMs;
        return this;
    }

    /** Sustained rate of client messages one connection may send; beyond it, RATE_LIMITED and close 1008. */
    public int maxControlMessagesPerSecond()
    {
        return maxControlMessagesPerSecond;
    }

    public ServerConfiguration maxControlMessagesPerSecond(final int maxControlMessagesPerSecond)
    {
        this.maxControlMessagesPerSecond = maxControlMessagesPerSecond;
        return this;
    }

    /** Client messages one connection may send at once, above the sustained rate. */
    public int controlMessageBurst()
    {
        return controlMessageBurst;
    }

    public ServerConfiguration controlMessageBurst(final int controlMessageBurst)
    {
        this.controlMessageBurst = controlMessageBurst;
        return this;
    }

    /** Open WebSocket connections the server accepts in total; more get TOO_MANY_CONNECTIONS and close 1013. */
    public int maxConnections()
    {
        return maxConnections;
    }

    public ServerConfiguration maxConnections(final int maxConnections)
    {
        this.maxConnections = maxConnections;
        return this;
    }

    /** Open WebSocket connections from one remote IP address; more get TOO_MANY_CONNECTIONS and close 1013. */
    public int maxConnectionsPerAddress()
    {
        return maxConnectionsPerAddress;
    }

    public ServerConfiguration maxConnectionsPerAddress(final int maxConnectionsPerAddress)
    {
        this.maxConnectionsPerAddress = maxConnectionsPerAddress;
        return this;
    }

    /**
     * Origins (scheme://host[:port]) allowed to open the WebSocket besides the server's own;
     * {@code *} allows any. Clients that send no Origin (not browsers) are always allowed.
     */
    public List<String> allowedOrigins()
    {
        return allowedOrigins;
    }

    public ServerConfiguration allowedOrigins(final List<String> allowedOrigins)
    {
        this.allowedOrigins = allowedOrigins.stream().map(o -> o.strip().toLowerCase(Locale.ROOT)).toList();
        return this;
    }

    /**
     * Soft limit: a connection whose previous frame is still being written and that has this many
     * bytes waiting gets only the latest trade and quote per instrument until it catches up.
     * Zero (the default) means 64 KiB, or a quarter of {@link #maxSessionBufferBytes()} if less.
     */
    private static final int DEFAULT_CONFLATE_ABOVE_BYTES = 64 * 1024;

    public int conflateAboveBytes()
    {
        // small: what waits for every client that is behind is held at once, so under overload
        // this, times the connections, is the memory that waiting ticks take
        return conflateAboveBytes == 0 ? Math.min(DEFAULT_CONFLATE_ABOVE_BYTES, maxSessionBufferBytes / 4) : conflateAboveBytes;
    }

    /** The setting as given: zero when it follows {@link #maxSessionBufferBytes()}. */
    int conflateAboveBytesAsSet()
    {
        return conflateAboveBytes;
    }

    public ServerConfiguration conflateAboveBytes(final int conflateAboveBytes)
    {
        this.conflateAboveBytes = conflateAboveBytes;
        return this;
    }

    /** A connection subscribed to nothing for this long is closed (IDLE_TIMEOUT, close 1000). */
    public int idleTimeoutMs()
    {
        return idleTimeoutMs;
    }

    public ServerConfiguration idleTimeoutMs(final int idleTimeoutMs)
    {
        this.idleTimeoutMs = idleTimeoutMs;
        return this;
    }

    /** Most journal records read for resuming connections in one duty cycle, all of them together. */
    public int resumeBatchLimit()
    {
        return resumeBatchLimit;
    }

    public ServerConfiguration resumeBatchLimit(final int resumeBatchLimit)
    {
        this.resumeBatchLimit = resumeBatchLimit;
        return this;
    }

    /**
     * Whole days before the journal's current day that the server reads at start to rebuild bars,
     * day statistics and previous closes (0: the current day only).
     */
    public int warmUpDays()
    {
        return warmUpDays;
    }

    public ServerConfiguration warmUpDays(final int warmUpDays)
    {
        this.warmUpDays = warmUpDays;
        return this;
    }

    /** Bars kept in memory per instrument and interval for the history API; older ones drop out. */
    public int barHistoryLimit()
    {
        return barHistoryLimit;
    }

    public ServerConfiguration barHistoryLimit(final int barHistoryLimit)
    {
        this.barHistoryLimit = barHistoryLimit;
        return this;
    }

    /** Most bars one /api/bars answer holds. */
    public int maxBarsPerRequest()
    {
        return maxBarsPerRequest;
    }

    public ServerConfiguration maxBarsPerRequest(final int maxBarsPerRequest)
    {
        this.maxBarsPerRequest = maxBarsPerRequest;
        return this;
    }

    /** Most journal records one /api/bars request reads for bars older than those in memory; 0: memory only. */
    public int barsJournalRecords()
    {
        return barsJournalRecords;
    }

    public ServerConfiguration barsJournalRecords(final int barsJournalRecords)
    {
        this.barsJournalRecords = barsJournalRecords;
        return this;
    }

    /** Replays the server runs at once, over all connections; one more gets TOO_MANY_REPLAYS. 0 turns replay off. */
    public int maxReplays()
    {
        return maxReplays;
    }

    public ServerConfiguration maxReplays(final int maxReplays)
    {
        this.maxReplays = maxReplays;
        return this;
    }

    /**
     * Most journal records read for replays (rebuilding their snapshots and releasing their ticks)
     * in one duty cycle of the stream agent, all replays together: the bound on what replays add
     * to a cycle of the live stream.
     */
    public int replayBatchLimit()
    {
        return replayBatchLimit;
    }

    public ServerConfiguration replayBatchLimit(final int replayBatchLimit)
    {
        this.replayBatchLimit = replayBatchLimit;
        return this;
    }

    /**
     * The monotonic clock that paces replays (wall time against recorded time). The system's
     * unless a test puts in a clock it moves by hand.
     */
    public NanoClock replayClock()
    {
        return replayClock;
    }

    public ServerConfiguration replayClock(final NanoClock replayClock)
    {
        this.replayClock = replayClock;
        return this;
    }

    /**
     * Threads that stream to the connections, each owning a share of them, its own journal reader,
     * book and bars: the IO threads of the HTTP server. Zero: one per core the JVM may use.
     */
    public int fanOutThreads()
    {
        return fanOutThreads;
    }

    public ServerConfiguration fanOutThreads(final int fanOutThreads)
    {
        this.fanOutThreads = fanOutThreads;
        return this;
    }

    /**
     * How long a closing connection may take to write its close frame and get the peer's answer
     * before it is cut off and its buffers freed (a peer that never reads cannot hold them).
     */
    public int closeTimeoutMs()
    {
        return closeTimeoutMs;
    }

    public ServerConfiguration closeTimeoutMs(final int closeTimeoutMs)
    {
        this.closeTimeoutMs = closeTimeoutMs;
        return this;
    }

    /**
     * Bytes all connections together may owe: what sockets have not taken yet, held in a pool of
     * 16 KiB chunks shared by the connections of each fan-out thread. A connection that needs more
     * when the pool is spent is cut off, so clients that stop reading cannot exhaust the memory.
     */
    /** Connections from one address still in their handshake; one more is closed at accept. */
    public int maxPendingHandshakesPerAddress()
    {
        return maxPendingHandshakesPerAddress;
    }

    public ServerConfiguration maxPendingHandshakesPerAddress(final int maxPendingHandshakesPerAddress)
    {
        this.maxPendingHandshakesPerAddress = maxPendingHandshakesPerAddress;
        return this;
    }

    public int handshakeTimeoutMs()
    {
        return handshakeTimeoutMs;
    }

    public ServerConfiguration handshakeTimeoutMs(final int handshakeTimeoutMs)
    {
        this.handshakeTimeoutMs = handshakeTimeoutMs;
        return this;
    }

    public int httpRequestsPerSecond()
    {
        return httpRequestsPerSecond;
    }

    public ServerConfiguration httpRequestsPerSecond(final int httpRequestsPerSecond)
    {
        this.httpRequestsPerSecond = httpRequestsPerSecond;
        return this;
    }

    public int httpRequestBurst()
    {
        return httpRequestBurst;
    }

    public ServerConfiguration httpRequestBurst(final int httpRequestBurst)
    {
        this.httpRequestBurst = httpRequestBurst;
        return this;
    }

    public int maxDeferredRequests()
    {
        return maxDeferredRequests;
    }

    public ServerConfiguration maxDeferredRequests(final int maxDeferredRequests)
    {
        this.maxDeferredRequests = maxDeferredRequests;
        return this;
    }

    public int maxDeferredBytes()
    {
        return maxDeferredBytes;
    }

    public ServerConfiguration maxDeferredBytes(final int maxDeferredBytes)
    {
        this.maxDeferredBytes = maxDeferredBytes;
        return this;
    }

    public int maxOwedBytes()
    {
        return maxOwedBytes;
    }

    public ServerConfiguration maxOwedBytes(final int maxOwedBytes)
    {
        this.maxOwedBytes = maxOwedBytes;
        return this;
    }

    /**
     * The kernel's send buffer per connection (SO_SNDBUF; the kernel doubles it for its own
     * bookkeeping); 0 leaves it to the kernel, which may grow it to megabytes. Small enough that a
     * client that stops reading is seen behind, and conflated, before megabytes of stale ticks
     * wait for it in the kernel.
     */
    public int socketSendBufferBytes()
    {
        return socketSendBufferBytes;
    }

    public ServerConfiguration socketSendBufferBytes(final int socketSendBufferBytes)
    {
        this.socketSendBufferBytes = socketSendBufferBytes;
        return this;
    }

    /** The number of fan-out threads the server runs: the setting, or the cores when it is zero. */
    public int effectiveFanOutThreads()
    {
        return fanOutThreads == 0 ? Runtime.getRuntime().availableProcessors() : fanOutThreads;
    }

    /** PEM certificate chain for HTTPS/WSS; empty for plain HTTP. */
    public String tlsCert()
    {
        return tlsCert;
    }

    public ServerConfiguration tlsCert(final String tlsCert)
    {
        this.tlsCert = null == tlsCert ? "" : tlsCert;
        return this;
    }

    /** PEM private key of {@link #tlsCert()}. */
    public String tlsKey()
    {
        return tlsKey;
    }

    public ServerConfiguration tlsKey(final String tlsKey)
    {
        this.tlsKey = null == tlsKey ? "" : tlsKey;
        return this;
    }

    public int tlsReloadCheckMs()
    {
        return tlsReloadCheckMs;
    }

    public ServerConfiguration tlsReloadCheckMs(final int tlsReloadCheckMs)
    {
        this.tlsReloadCheckMs = tlsReloadCheckMs;
        return this;
    }

    /** {@code none} or {@code token}. */
    public String auth()
    {
        return auth;
    }

    public ServerConfiguration auth(final String auth)
    {
        this.auth = null == auth ? "" : auth.strip().toLowerCase(Locale.ROOT);
        return this;
    }

    public String tokenSecret()
    {
        return tokenSecret;
    }

    public ServerConfiguration tokenSecret(final String tokenSecret)
    {
        this.tokenSecret = null == tokenSecret ? "" : tokenSecret;
        return this;
    }

    public String tokenPublicKey()
    {
        return tokenPublicKey;
    }

    public ServerConfiguration tokenPublicKey(final String tokenPublicKey)
    {
        this.tokenPublicKey = null == tokenPublicKey ? "" : tokenPublicKey;
        return this;
    }

    public String tokenJwks()
    {
        return tokenJwks;
    }

    public ServerConfiguration tokenJwks(final String tokenJwks)
    {
        this.tokenJwks = null == tokenJwks ? "" : tokenJwks;
        return this;
    }

    /** Host names clients may reach the server by, besides loopback names and the listen address; {@code *} for any. */
    public List<String> allowedHosts()
    {
        return allowedHosts;
    }

    public ServerConfiguration allowedHosts(final List<String> allowedHosts)
    {
        this.allowedHosts = allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        return this;
    }

    /** Web origins whose pages may read {@code /api/*} across origins. */
    public List<String> corsOrigins()
    {
        return corsOrigins;
    }

    public ServerConfiguration corsOrigins(final List<String> corsOrigins)
    {
        this.corsOrigins = corsOrigins.stream().map(o -> o.strip().toLowerCase(Locale.ROOT)).toList();
        return this;
    }

    public boolean allowUnauthenticatedRemote()
    {
        return allowUnauthenticatedRemote;
    }

    public ServerConfiguration allowUnauthenticatedRemote(final boolean allowUnauthenticatedRemote)
    {
        this.allowUnauthenticatedRemote = allowUnauthenticatedRemote;
        return this;
    }

    public String adminHost()
    {
        return adminHost;
    }

    public ServerConfiguration adminHost(final String adminHost)
    {
        this.adminHost = adminHost;
        return this;
    }

    /** The admin listener's port; 0 for the client port + 1, or a free one when {@link #port()} is 0. */
    public int adminPort()
    {
        return adminPort;
    }

    public ServerConfiguration adminPort(final int adminPort)
    {
        this.adminPort = adminPort;
        return this;
    }

    /** The port the admin listener asks for: {@link #adminPort()}, or the client port + 1, or 0 for a free one. */
    public int effectiveAdminPort()
    {
        return adminPort != 0 ? adminPort : port == 0 ? 0 : port + 1;
    }

    /**
     * Checks every setting against its range in {@link ServerSettings}, then the rules that tie
     * settings together.
     *
     * @throws IllegalArgumentException naming the first bad setting as {@code key=value: why}.
     */
    public ServerConfiguration validate()
    {
        if (null == host || host.isBlank())
        {
            throw new IllegalArgumentException("host=" + host + ": must be an address or host name");
        }
        PORT.check(port);
        FLUSH_INTERVAL_MS.check(flushIntervalMs);
        HEARTBEAT_INTERVAL_MS.check(heartbeatIntervalMs);
        for (final String origin : allowedOrigins)
        {
            if (!origin.equals("*") && !origin.matches("https?://[^/]+"))
            {
                throw new IllegalArgumentException("allowedOrigins=" + origin + ": expected * or scheme://host[:port]");
            }
        }
        MAX_INBOUND_MESSAGE_BYTES.check(maxInboundMessageBytes);
        MAX_CONTROL_MESSAGES_PER_SECOND.check(maxControlMessagesPerSecond);
        CONTROL_MESSAGE_BURST.check(controlMessageBurst);
        MAX_SYMBOLS_PER_CONNECTION.check(maxSymbolsPerConnection);
        MAX_CONNECTIONS.check(maxConnections);
        MAX_CONNECTIONS_PER_ADDRESS.check(maxConnectionsPerAddress);
        PING_INTERVAL_MS.check(pingIntervalMs);
        RESUME_AHEAD_WAIT_MS.check(resumeAheadWaitMs);
        if (pingIntervalMs != 0)
        {
            PING_TIMEOUT_MS.check(pingTimeoutMs);
            if (pingTimeoutMs <= pingIntervalMs)
            {
                // a peer must get at least one ping, and time to answer it, before it counts as dead
                throw new IllegalArgumentException("pingTimeoutMs=" + pingTimeoutMs +
                    ": must be longer than pingIntervalMs=" + pingIntervalMs);
            }
        }
        MAX_HEALTHY_LAG.check(maxHealthyLag);
        MAX_HEALTHY_STALL_MS.check(maxHealthyStallMs);
        MAX_SESSION_BUFFER_BYTES.check(maxSessionBufferBytes);
        CONFLATE_ABOVE_BYTES.check(conflateAboveBytes);
        IDLE_TIMEOUT_MS.check(idleTimeoutMs);
        WARM_UP_DAYS.check(warmUpDays);
        BAR_HISTORY_LIMIT.check(barHistoryLimit);
        MAX_BARS_PER_REQUEST.check(maxBarsPerRequest);
        BARS_JOURNAL_RECORDS.check(barsJournalRecords);
        READ_BATCH_LIMIT.check(readBatchLimit);
        RESUME_BATCH_LIMIT.check(resumeBatchLimit);
        MAX_REPLAYS.check(maxReplays);
        REPLAY_BATCH_LIMIT.check(replayBatchLimit);
        FAN_OUT_THREADS.check(fanOutThreads);
        CLOSE_TIMEOUT_MS.check(closeTimeoutMs);
        MAX_OWED_BYTES.check(maxOwedBytes);
        MAX_DEFERRED_REQUESTS.check(maxDeferredRequests);
        HANDSHAKE_TIMEOUT_MS.check(handshakeTimeoutMs);
        MAX_PENDING_HANDSHAKES_PER_ADDRESS.check(maxPendingHandshakesPerAddress);
        HTTP_REQUESTS_PER_SECOND.check(httpRequestsPerSecond);
        HTTP_REQUEST_BURST.check(httpRequestBurst);
        MAX_DEFERRED_BYTES.check(maxDeferredBytes);
        SOCKET_SEND_BUFFER_BYTES.check(socketSendBufferBytes);
        SecuritySettings.validate(this);
        if (null == replayClock)
        {
            throw new IllegalArgumentException("replayClock=null: must be a clock");
        }

        final long oneReadBatch = (long)readBatchLimit * BatchEncoder.MAX_TICK_BYTES + BatchEncoder.HEADER_RESERVE;
        if (maxSessionBufferBytes < oneReadBatch)
        {
            // a client that keeps up must never be cut off by a single burst read from the journal
            throw new IllegalArgumentException("maxSessionBufferBytes=" + maxSessionBufferBytes +
                ": must hold at least one read batch of readBatchLimit=" + readBatchLimit + " ticks (" + oneReadBatch + " bytes)");
        }
        if (conflateAboveBytes > maxSessionBufferBytes)
        {
            throw new IllegalArgumentException("conflateAboveBytes=" + conflateAboveBytes +
                ": must be from " + CONFLATE_ABOVE_BYTES.min() + " to " + maxSessionBufferBytes);
        }
        return this;
    }
}
