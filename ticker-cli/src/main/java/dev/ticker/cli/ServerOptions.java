package dev.ticker.cli;

import dev.ticker.server.ServerConfiguration;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The server's command-line options; defaults and meanings come from {@link ServerConfiguration}. */
final class ServerOptions
{
    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = ServerConfiguration.DEFAULT_HOST,
        description = "Address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + ServerConfiguration.DEFAULT_PORT,
        description = "Port for the dashboard, /ws, /health and /metrics; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--flush-ms", paramLabel = "MS", defaultValue = "" + ServerConfiguration.DEFAULT_FLUSH_INTERVAL_MS,
        description = "Flush window: at most one data frame per connection per window (default: ${DEFAULT-VALUE}).")
    int flushMs;

    @Option(names = "--heartbeat-ms", paramLabel = "MS", defaultValue = "" + ServerConfiguration.DEFAULT_HEARTBEAT_INTERVAL_MS,
        description = "Heartbeat interval (default: ${DEFAULT-VALUE}).")
    int heartbeatMs;

    @Option(names = "--allowed-origins", paramLabel = "ORIGIN", split = ",",
        description = "Other web origins (scheme://host:port, or *) allowed to open the WebSocket; the server's own always is.")
    List<String> allowedOrigins = new ArrayList<>();

    @Option(names = "--ping-interval-ms", paramLabel = "MS", defaultValue = "" + ServerConfiguration.DEFAULT_PING_INTERVAL_MS,
        description = "WebSocket ping interval; 0 turns pings and dead-peer detection off (default: ${DEFAULT-VALUE}).")
    int pingIntervalMs;

    @Option(names = "--ping-timeout-ms", paramLabel = "MS", defaultValue = "" + ServerConfiguration.DEFAULT_PING_TIMEOUT_MS,
        description = "A connection silent this long (no pong, no message) is closed with 1001 (default: ${DEFAULT-VALUE}).")
    int pingTimeoutMs;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "" + ServerConfiguration.DEFAULT_MAX_CONNECTIONS,
        description = "Open WebSocket connections in total; more get TOO_MANY_CONNECTIONS and close 1013 (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--max-connections-per-address", paramLabel = "N",
        defaultValue = "" + ServerConfiguration.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
        description = "Open WebSocket connections from one IP address (default: ${DEFAULT-VALUE}).")
    int maxConnectionsPerAddress;

    @Option(names = "--max-messages-per-second", paramLabel = "N",
        defaultValue = "" + ServerConfiguration.DEFAULT_MAX_CONTROL_MESSAGES_PER_SECOND,
        description = "Client messages per second one connection may send, sustained; more get RATE_LIMITED and close 1008 " +
            "(default: ${DEFAULT-VALUE}).")
    int maxControlMessagesPerSecond;

    @Option(names = "--message-burst", paramLabel = "N", defaultValue = "" + ServerConfiguration.DEFAULT_CONTROL_MESSAGE_BURST,
        description = "Client messages one connection may send at once, above the sustained rate (default: ${DEFAULT-VALUE}).")
    int controlMessageBurst;

    @Option(names = "--max-message-bytes", paramLabel = "BYTES",
        defaultValue = "" + ServerConfiguration.DEFAULT_MAX_INBOUND_MESSAGE_BYTES,
        description = "Largest client message; larger get MESSAGE_TOO_LARGE and close 1009 (default: ${DEFAULT-VALUE}).")
    int maxInboundMessageBytes;

    @Option(names = "--max-symbols", paramLabel = "N", defaultValue = "" + ServerConfiguration.DEFAULT_MAX_SYMBOLS_PER_CONNECTION,
        description = "Symbols one connection may subscribe to by name (default: ${DEFAULT-VALUE}).")
    int maxSymbolsPerConnection;

    @Option(names = "--max-healthy-lag", paramLabel = "RECORDS", defaultValue = "" + ServerConfiguration.DEFAULT_MAX_HEALTHY_LAG,
        description = "/health answers 503 when the server is more records than this behind the journal (default: ${DEFAULT-VALUE}).")
    long maxHealthyLag;
    @Option(names = "--idle-timeout-ms", paramLabel = "MS", defaultValue = "" + ServerConfiguration.DEFAULT_IDLE_TIMEOUT_MS,
        description = "Close a connection subscribed to nothing for this long (default: ${DEFAULT-VALUE}).")
    int idleTimeoutMs;

    @Option(names = "--session-buffer-bytes", paramLabel = "BYTES", defaultValue = "" + ServerConfiguration.DEFAULT_MAX_SESSION_BUFFER_BYTES,
        description = "Bytes that may be owed to one slow connection before it is closed (default: ${DEFAULT-VALUE}).")
    int sessionBufferBytes;

    @Option(names = "--conflate-above-bytes", paramLabel = "BYTES", defaultValue = "" + ServerConfiguration.DEFAULT_CONFLATE_ABOVE_BYTES,
        description = "Bytes waiting for a connection above which it gets only the latest values; 0: a quarter of --session-buffer-bytes (default: ${DEFAULT-VALUE}).")
    int conflateAboveBytes;

    @Option(names = "--warm-up-days", paramLabel = "DAYS", defaultValue = "" + ServerConfiguration.DEFAULT_WARM_UP_DAYS,
        description = "Days before the journal's current day read at start for bars and day statistics (default: ${DEFAULT-VALUE}).")
    int warmUpDays;

    @Option(names = "--bar-history", paramLabel = "BARS", defaultValue = "" + ServerConfiguration.DEFAULT_BAR_HISTORY_LIMIT,
        description = "Bars kept per instrument and interval for /api/bars (default: ${DEFAULT-VALUE}).")
    int barHistoryLimit;

    @Option(names = "--max-replays", paramLabel = "N", defaultValue = "" + ServerConfiguration.DEFAULT_MAX_REPLAYS,
        description = "Replays the server runs at once over the WebSocket; one more gets TOO_MANY_REPLAYS, 0 turns replay off " +
            "(default: ${DEFAULT-VALUE}).")
    int maxReplays;

    @Option(names = "--replay-batch", paramLabel = "RECORDS", defaultValue = "" + ServerConfiguration.DEFAULT_REPLAY_BATCH_LIMIT,
        description = "Most journal records read for all replays together per duty cycle of the stream agent (default: ${DEFAULT-VALUE}).")
    int replayBatchLimit;

    @Option(names = "--fan-out-threads", paramLabel = "N", defaultValue = "" + ServerConfiguration.DEFAULT_FAN_OUT_THREADS,
        description = "Threads that stream to the connections, each with its own share of them; 0 means one per core " +
            "(default: ${DEFAULT-VALUE}).")
    int fanOutThreads;

    ServerConfiguration configuration()
    {
        return new ServerConfiguration()
            .host(host)
            .port(port)
            .flushIntervalMs(flushMs)
            .heartbeatIntervalMs(heartbeatMs)
            .allowedOrigins(allowedOrigins)
            .pingIntervalMs(pingIntervalMs)
            .pingTimeoutMs(pingTimeoutMs)
            .maxConnections(maxConnections)
            .maxConnectionsPerAddress(maxConnectionsPerAddress)
            .maxControlMessagesPerSecond(maxControlMessagesPerSecond)
            .controlMessageBurst(controlMessageBurst)
            .maxInboundMessageBytes(maxInboundMessageBytes)
            .maxSymbolsPerConnection(maxSymbolsPerConnection)
            .maxHealthyLag(maxHealthyLag)
            .idleTimeoutMs(idleTimeoutMs)
            .maxSessionBufferBytes(sessionBufferBytes)
            .conflateAboveBytes(conflateAboveBytes)
            .warmUpDays(warmUpDays)
            .barHistoryLimit(barHistoryLimit)
            .maxReplays(maxReplays)
            .replayBatchLimit(replayBatchLimit)
            .fanOutThreads(fanOutThreads)
            .validate();
    }
}
