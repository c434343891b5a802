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

    ServerConfiguration configuration()
    {
        return new ServerConfiguration()
            .host(host)
            .port(port)
            .flushIntervalMs(flushMs)
            .heartbeatIntervalMs(heartbeatMs)
            .allowedOrigins(allowedOrigins)
            .validate();
    }
}
