package dev.ticker.server;

import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.List;
import java.util.Locale;

/**
 * Every setting of the server, with its default, in one place. {@link #validate()} checks them
 * once before the server starts and names the first bad one as {@code key=value: why}. The table
 * in docs/configuration.md mirrors this class.
 */
public final class ServerConfiguration
{
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_FLUSH_INTERVAL_MS = 10;
    public static final int DEFAULT_HEARTBEAT_INTERVAL_MS = 1_000;
    public static final int DEFAULT_MAX_INBOUND_MESSAGE_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_SYMBOLS_PER_CONNECTION = 1_000;
    public static final int DEFAULT_MAX_SESSION_BUFFER_BYTES = 4 * 1024 * 1024;
    public static final int DEFAULT_READ_BATCH_LIMIT = 8_192;
    public static final long DEFAULT_MAX_HEALTHY_LAG = 100_000;
    public static final int DEFAULT_MAX_HEALTHY_STALL_MS = 1_000;
    public static final int DEFAULT_PING_INTERVAL_MS = 10_000;
    public static final int DEFAULT_PING_TIMEOUT_MS = 30_000;
    public static final int DEFAULT_MAX_CONTROL_MESSAGES_PER_SECOND = 50;
    public static final int DEFAULT_CONTROL_MESSAGE_BURST = 100;
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 200;
    /** Zero: a quarter of maxSessionBufferBytes. */
    public static final int DEFAULT_CONFLATE_ABOVE_BYTES = 0;
    public static final int DEFAULT_IDLE_TIMEOUT_MS = 60_000;
    public static final int DEFAULT_RESUME_BATCH_LIMIT = 65_536;
    public static final int DEFAULT_WARM_UP_DAYS = 1;
    public static final int DEFAULT_BAR_HISTORY_LIMIT = 4_096;
    public static final int DEFAULT_MAX_REPLAYS = 16;
    public static final int DEFAULT_REPLAY_BATCH_LIMIT = 16_384;
    public static final int DEFAULT_CLOSE_TIMEOUT_MS = 5_000;
    public static final int DEFAULT_MAX_OWED_BYTES = 512 * 1024 * 1024;
    public static final int DEFAULT_SOCKET_SEND_BUFFER_BYTES = 256 * 1024;
    /** Zero: one fan-out thread per core the JVM may use. */
    public static final int DEFAULT_FAN_OUT_THREADS = 0;

    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private int flushIntervalMs = DEFAULT_FLUSH_INTERVAL_MS;
    private int heartbeatIntervalMs = DEFAULT_HEARTBEAT_INTERVAL_MS;
    private int maxInboundMessageBytes = DEFAULT_MAX_INBOUND_MESSAGE_BYTES;
    private int maxSymbolsPerConnection = DEFAULT_MAX_SYMBOLS_PER_CONNECTION;
    private int maxSessionBufferBytes = DEFAULT_MAX_SESSION_BUFFER_BYTES;
    private int readBatchLimit = DEFAULT_READ_BATCH_LIMIT;
    private long maxHealthyLag = DEFAULT_MAX_HEALTHY_LAG;
    private int maxHealthyStallMs = DEFAULT_MAX_HEALTHY_STALL_MS;
    private int pingIntervalMs = DEFAULT_PING_INTERVAL_MS;
    private int pingTimeoutMs = DEFAULT_PING_TIMEOUT_MS;
    private int maxControlMessagesPerSecond = DEFAULT_MAX_CONTROL_MESSAGES_PER_SECOND;
    private int controlMessageBurst = DEFAULT_CONTROL_MESSAGE_BURST;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private int maxConnectionsPerAddress = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
    private List<String> allowedOrigins = List.of();
    private int conflateAboveBytes = DEFAULT_CONFLATE_ABOVE_BYTES;
    private int idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS;
    private int resumeBatchLimit = DEFAULT_RESUME_BATCH_LIMIT;
    private int warmUpDays = DEFAULT_WARM_UP_DAYS;
    private int barHistoryLimit = DEFAULT_BAR_HISTORY_LIMIT;
    private int maxReplays = DEFAULT_MAX_REPLAYS;
    private int replayBatchLimit = DEFAULT_REPLAY_BATCH_LIMIT;
    private NanoClock replayClock = SystemNanoClock.INSTANCE;
    private int fanOutThreads = DEFAULT_FAN_OUT_THREADS;
    private int closeTimeoutMs = DEFAULT_CLOSE_TIMEOUT_MS;
    private int maxOwedBytes = DEFAULT_MAX_OWED_BYTES;
    private int socketSendBufferBytes = DEFAULT_SOCKET_SEND_BUFFER_BYTES;

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
     * Zero (the default) means a quarter of {@link #maxSessionBufferBytes()}.
     */
    public int conflateAboveBytes()
    {
        return conflateAboveBytes == 0 ? maxSessionBufferBytes / 4 : conflateAboveBytes;
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

    /** @throws IllegalArgumentException naming the first bad setting as {@code key=value: why}. */
    public ServerConfiguration validate()
    {
        if (null == host || host.isBlank())
        {
            throw new IllegalArgumentException("host=" + host + ": must be an address or host name");
        }
        check("port", port, 0, 65_535);
        check("flushIntervalMs", flushIntervalMs, 1, 60_000);
        check("heartbeatIntervalMs", heartbeatIntervalMs, 10, 600_000);
        check("maxInboundMessageBytes", maxInboundMessageBytes, 64, 16 * 1024 * 1024);
        check("maxSymbolsPerConnection", maxSymbolsPerConnection, 1, 1_000_000);
        check("maxSessionBufferBytes", maxSessionBufferBytes, 64 * 1024, 1024 * 1024 * 1024);
        check("readBatchLimit", readBatchLimit, 1, 1_000_000);
        check("maxHealthyLag", maxHealthyLag, 1, Long.MAX_VALUE);
        check("maxHealthyStallMs", maxHealthyStallMs, 10, 600_000);
        if (pingIntervalMs != 0)
        {
            check("pingIntervalMs", pingIntervalMs, 10, 3_600_000);
            check("pingTimeoutMs", pingTimeoutMs, 20, 3_600_000);
            if (pingTimeoutMs <= pingIntervalMs)
            {
                // a peer must get at least one ping, and time to answer it, before it counts as dead
                throw new IllegalArgumentException("pingTimeoutMs=" + pingTimeoutMs +
                    ": must be longer than pingIntervalMs=" + pingIntervalMs);
            }
        }
        check("maxControlMessagesPerSecond", maxControlMessagesPerSecond, 1, 1_000_000);
        check("controlMessageBurst", controlMessageBurst, 1, 1_000_000);
        check("maxConnections", maxConnections, 1, 1_000_000);
        check("maxConnectionsPerAddress", maxConnectionsPerAddress, 1, 1_000_000);
        check("idleTimeoutMs", idleTimeoutMs, 100, 86_400_000);
        check("resumeBatchLimit", resumeBatchLimit, 1, 10_000_000);
        check("warmUpDays", warmUpDays, 0, 366);
        check("barHistoryLimit", barHistoryLimit, 2, 1_000_000);
        check("maxReplays", maxReplays, 0, 100_000);
        check("replayBatchLimit", replayBatchLimit, 1, 10_000_000);
        check("fanOutThreads", fanOutThreads, 0, 1_024);
        check("closeTimeoutMs", closeTimeoutMs, 10, 600_000);
        check("maxOwedBytes", maxOwedBytes, 1024 * 1024, Integer.MAX_VALUE);
        if (socketSendBufferBytes != 0)
        {
            check("socketSendBufferBytes", socketSendBufferBytes, 4 * 1024, 64 * 1024 * 1024);
        }
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
        if (conflateAboveBytes != 0)
        {
            check("conflateAboveBytes", conflateAboveBytes, 4 * 1024, maxSessionBufferBytes);
        }
        for (final String origin : allowedOrigins)
        {
            if (!origin.equals("*") && !origin.matches("https?://[^/]+"))
            {
                throw new IllegalArgumentException("allowedOrigins=" + origin + ": expected * or scheme://host[:port]");
            }
        }
        return this;
    }

    private static void check(final String key, final long value, final long min, final long max)
    {
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(key + "=" + value + ": must be from " + min + " to " + max);
        }
    }
}
