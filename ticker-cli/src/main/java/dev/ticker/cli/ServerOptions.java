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
        description = "Port for the dashboard, /ws and /health; 0 picks a free one (default: ${DEFAULT-VALUE}).")
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

    ServerConfiguration configuration()
    {
        return new ServerConfiguration()
            .host(host)
            .port(port)
            .flushIntervalMs(flushMs)
            .heartbeatIntervalMs(heartbeatMs)
            .allowedOrigins(allowedOrigins)
            .idleTimeoutMs(idleTimeoutMs)
            .maxSessionBufferBytes(sessionBufferBytes)
            .conflateAboveBytes(conflateAboveBytes)
            .warmUpDays(warmUpDays)
            .barHistoryLimit(barHistoryLimit)
            .validate();
    }
}
