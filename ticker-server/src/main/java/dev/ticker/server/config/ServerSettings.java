package dev.ticker.server.config;

import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.List;

import static dev.ticker.server.config.Setting.integer;
import static dev.ticker.server.config.Setting.longInteger;
import static dev.ticker.server.config.Setting.other;

/**
 * The one table of the server's settings: key, flag, default, range and meaning of each. The fields
 * of {@link ServerConfiguration} start from these defaults, {@link ServerConfiguration#validate()}
 * checks these ranges, the CLI builds its flags from them and a test holds docs/configuration.md to
 * them. A new setting is one entry here and in {@link #ALL}, its field (starting at the entry's
 * default) and accessors, its check in {@code validate()} and its row in the document; tests fail
 * until each is there.
 */
public final class ServerSettings
{
    public static final Setting<String> HOST = other("host", "--host", "ADDRESS", String.class, "127.0.0.1", "127.0.0.1",
        "Address to listen on; 0.0.0.0 for every interface.",
        ServerConfiguration::host, ServerConfiguration::host);

    public static final Setting<Integer> PORT = integer("port", "--port", "N", 8080, 0, 65_535,
        "a free one",
        "Port for the dashboard, /ws and /api/*.",
        ServerConfiguration::port, ServerConfiguration::port);

    public static final Setting<Integer> FLUSH_INTERVAL_MS = integer("flushIntervalMs", "--flush-ms", "MS", 10, 1, 60_000,
        null,
        "Flush window: at most one data frame per connection per window.",
        ServerConfiguration::flushIntervalMs, ServerConfiguration::flushIntervalMs);

    public static final Setting<Integer> HEARTBEAT_INTERVAL_MS = integer("heartbeatIntervalMs", "--heartbeat-ms", "MS", 1_000,
        10, 600_000, null,
        "Heartbeat interval.",
        ServerConfiguration::heartbeatIntervalMs, ServerConfiguration::heartbeatIntervalMs);

    public static final Setting<String[]> ALLOWED_ORIGINS = other("allowedOrigins", "--allowed-origins", "ORIGIN",
        String[].class, new String[0], "none",
        "Other web origins (scheme://host[:port], or *) allowed to open the WebSocket; the server's own always is.",
        c -> c.allowedOrigins().toArray(new String[0]), (c, origins) -> c.allowedOrigins(List.of(origins)));

    public static final Setting<Integer> MAX_INBOUND_MESSAGE_BYTES = integer("maxInboundMessageBytes", "--max-message-bytes",
        "BYTES", 64 * 1024, 64, 16 * 1024 * 1024, null,
        "Largest client message; larger gets MESSAGE_TOO_LARGE and close 1009.",
        ServerConfiguration::maxInboundMessageBytes, ServerConfiguration::maxInboundMessageBytes);

    public static final Setting<Integer> MAX_CONTROL_MESSAGES_PER_SECOND = integer("maxControlMessagesPerSecond",
        "--max-messages-per-second", "N", 50, 1, 1_000_000, null,
        "Client messages per second one connection may send, sustained; more get RATE_LIMITED and close 1008.",
        ServerConfiguration::maxControlMessagesPerSecond, ServerConfiguration::maxControlMessagesPerSecond);

    public static final Setting<Integer> CONTROL_MESSAGE_BURST = integer("controlMessageBurst", "--message-burst", "N", 100,
        1, 1_000_000, null,
        "Client messages one connection may send at once, above the sustained rate.",
        ServerConfiguration::controlMessageBurst, ServerConfiguration::controlMessageBurst);

    public static final Setting<Integer> MAX_SYMBOLS_PER_CONNECTION = integer("maxSymbolsPerConnection", "--max-symbols", "N",
        1_000, 1, 1_000_000, null,
        "Symbols one connection may subscribe to by name; a request over it gets TOO_MANY_SYMBOLS.",
        ServerConfiguration::maxSymbolsPerConnection, ServerConfiguration::maxSymbolsPerConnection);

    public static final Setting<Integer> MAX_CONNECTIONS = integer("maxConnections", "--max-connections", "N", 10_000,
        1, 1_000_000, null,
        "Open WebSocket connections in total; more get TOO_MANY_CONNECTIONS and close 1013.",
        ServerConfiguration::maxConnections, ServerConfiguration::maxConnections);

    public static final Setting<Integer> MAX_CONNECTIONS_PER_ADDRESS = integer("maxConnectionsPerAddress",
        "--max-connections-per-address", "N", 200, 1, 1_000_000, null,
        "Open WebSocket connections from one IP address; a load test from one machine needs it raised.",
        ServerConfiguration::maxConnectionsPerAddress, ServerConfiguration::maxConnectionsPerAddress);

    public static final Setting<Integer> PING_INTERVAL_MS = integer("pingIntervalMs", "--ping-interval-ms", "MS", 10_000,
        10, 3_600_000, "no pings and no dead-peer detection",
        "The server pings each connection this often.",
        ServerConfiguration::pingIntervalMs, ServerConfiguration::pingIntervalMs);

    /** Checked only while pings are on: it must then also be longer than {@link #PING_INTERVAL_MS}. */
    public static final Setting<Integer> PING_TIMEOUT_MS = integer("pingTimeoutMs", "--ping-timeout-ms", "MS", 30_000,
        20, 3_600_000, null,
        "A connection silent this long (no pong, no message) is closed with 1001; longer than the ping interval.",
        ServerConfiguration::pingTimeoutMs, ServerConfiguration::pingTimeoutMs);

    public static final Setting<Integer> RESUME_AHEAD_WAIT_MS = integer("resumeAheadWaitMs", "--resume-ahead-wait-ms", "MS", 5_000,
        10, 600_000, "answer at once",
        "A Resume beyond the journal's head waits this long for the head to reach it (a fleet edge behind the one the client left) before RESUME_UNAVAILABLE.",
        ServerConfiguration::resumeAheadWaitMs, ServerConfiguration::resumeAheadWaitMs);

    public static final Setting<Long> MAX_HEALTHY_LAG = longInteger("maxHealthyLag", "--max-healthy-lag", "RECORDS", 100_000,
        1, Long.MAX_VALUE,
        "/health answers 503 lagging when the server is more records than this behind the journal head.",
        ServerConfiguration::maxHealthyLag, ServerConfiguration::maxHealthyLag);

    public static final Setting<Integer> MAX_HEALTHY_STALL_MS = integer("maxHealthyStallMs", "--max-healthy-stall-ms", "MS",
        1_000, 10, 600_000, null,
        "/health answers 503 stalled when the stream has not finished a duty cycle for this long.",
        ServerConfiguration::maxHealthyStallMs, ServerConfiguration::maxHealthyStallMs);

    /** Must also hold one read batch ({@link #READ_BATCH_LIMIT}), checked by {@link ServerConfiguration#validate()}. */
    public static final Setting<Integer> MAX_SESSION_BUFFER_BYTES = integer("maxSessionBufferBytes", "--session-buffer-bytes",
        "BYTES", 4 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024, null,
        "Bytes that may be owed to one slow connection before it is closed with SLOW_CONSUMER; holds one read batch.",
        ServerConfiguration::maxSessionBufferBytes, ServerConfiguration::maxSessionBufferBytes);

    /** At most {@link #MAX_SESSION_BUFFER_BYTES}, checked by {@link ServerConfiguration#validate()}. */
    public static final Setting<Integer> CONFLATE_ABOVE_BYTES = integer("conflateAboveBytes", "--conflate-above-bytes", "BYTES",
        0, 4 * 1024, 1024 * 1024 * 1024, "64 KiB, or a quarter of maxSessionBufferBytes if less",
        "Bytes waiting for a connection above which it gets only the latest values.",
        ServerConfiguration::conflateAboveBytesAsSet, ServerConfiguration::conflateAboveBytes);

    public static final Setting<Integer> IDLE_TIMEOUT_MS = integer("idleTimeoutMs", "--idle-timeout-ms", "MS", 60_000,
        100, 86_400_000, null,
        "A connection subscribed to nothing for this long gets IDLE_TIMEOUT and close 1000.",
        ServerConfiguration::idleTimeoutMs, ServerConfiguration::idleTimeoutMs);

    public static final Setting<Integer> WARM_UP_DAYS = integer("warmUpDays", "--warm-up-days", "DAYS", 1, 0, 366, null,
        "Days before the journal's current day read at start for bars and day statistics.",
        ServerConfiguration::warmUpDays, ServerConfiguration::warmUpDays);

    public static final Setting<Integer> BAR_HISTORY_LIMIT = integer("barHistoryLimit", "--bar-history", "BARS", 4_096,
        2, 1_000_000, null,
        "Bars kept per instrument and interval for /api/bars.",
        ServerConfiguration::barHistoryLimit, ServerConfiguration::barHistoryLimit);

    public static final Setting<Integer> MAX_BARS_PER_REQUEST = integer("maxBarsPerRequest", "--max-bars", "BARS", 5_000,
        1, 1_000_000, null,
        "Most bars one /api/bars answer holds (its limit parameter); a larger limit gets 400.",
        ServerConfiguration::maxBarsPerRequest, ServerConfiguration::maxBarsPerRequest);

    public static final Setting<Integer> BARS_JOURNAL_RECORDS = integer("barsJournalRecords", "--bars-journal-records", "RECORDS",
        4_000_000, 0, 1_000_000_000, null,
        "Most journal records one /api/bars request reads for bars older than those kept in memory: a range from " +
            "`from` that needs more gets 400; a page back (`to` alone) reads the newest this many before `to`.",
        ServerConfiguration::barsJournalRecords, ServerConfiguration::barsJournalRecords);

    public static final Setting<Integer> READ_BATCH_LIMIT = integer("readBatchLimit", "--read-batch", "RECORDS", 8_192,
        1, 1_000_000, null,
        "Most journal records the live stream reads per duty cycle.",
        ServerConfiguration::readBatchLimit, ServerConfiguration::readBatchLimit);

    public static final Setting<Integer> RESUME_BATCH_LIMIT = integer("resumeBatchLimit", "--resume-batch", "RECORDS", 65_536,
        1, 10_000_000, null,
        "Most journal records read per duty cycle for all resuming connections together.",
        ServerConfiguration::resumeBatchLimit, ServerConfiguration::resumeBatchLimit);

    public static final Setting<Integer> MAX_REPLAYS = integer("maxReplays", "--max-replays", "N", 16, 0, 100_000,
        "replay off",
        "Replays the server runs at once over the WebSocket; one more gets TOO_MANY_REPLAYS.",
        ServerConfiguration::maxReplays, ServerConfiguration::maxReplays);

    public static final Setting<Integer> REPLAY_BATCH_LIMIT = integer("replayBatchLimit", "--replay-batch", "RECORDS", 16_384,
        1, 10_000_000, null,
        "Most journal records read per duty cycle for all replays together.",
        ServerConfiguration::replayBatchLimit, ServerConfiguration::replayBatchLimit);

    public static final Setting<Integer> FAN_OUT_THREADS = integer("fanOutThreads", "--fan-out-threads", "N", 0, 0, 1_024,
        "one per core the JVM may use",
        "Threads that stream to the connections, each with its own share of them.",
        ServerConfiguration::fanOutThreads, ServerConfiguration::fanOutThreads);

    public static final Setting<Integer> CLOSE_TIMEOUT_MS = integer("closeTimeoutMs", "--close-timeout-ms", "MS", 5_000,
        10, 600_000, null,
        "A connection the server closes that does not take the close frame and answer within this time is cut off.",
        ServerConfiguration::closeTimeoutMs, ServerConfiguration::closeTimeoutMs);

    public static final Setting<Integer> HANDSHAKE_TIMEOUT_MS = integer("handshakeTimeoutMs", "--handshake-timeout-ms", "MS", 10_000,
        100, 600_000, null,
        "A TCP connection must send its whole HTTP request (a WebSocket handshake or an API call) within this time of opening or of its last answer, or it is closed.",
        ServerConfiguration::handshakeTimeoutMs, ServerConfiguration::handshakeTimeoutMs);

    public static final Setting<Integer> MAX_PENDING_HANDSHAKES_PER_ADDRESS = integer("maxPendingHandshakesPerAddress",
        "--max-pending-handshakes-per-address", "N", 256, 1, 1_000_000, null,
        "TCP connections from one IP address still in their handshake (not yet through TLS and their first whole HTTP request); one more is closed as soon as it is accepted.",
        ServerConfiguration::maxPendingHandshakesPerAddress, ServerConfiguration::maxPendingHandshakesPerAddress);

    public static final Setting<Integer> HTTP_REQUESTS_PER_SECOND = integer("httpRequestsPerSecond", "--http-requests-per-second", "N",
        200, 1, 1_000_000, null,
        "HTTP requests on the client port (dashboard files, /api/*, WebSocket handshakes) served per second to one IP address, sustained; more get 429.",
        ServerConfiguration::httpRequestsPerSecond, ServerConfiguration::httpRequestsPerSecond);

    public static final Setting<Integer> HTTP_REQUEST_BURST = integer("httpRequestBurst", "--http-request-burst", "N",
        400, 1, 1_000_000, null,
        "HTTP requests one IP address may make at once before httpRequestsPerSecond applies.",
        ServerConfiguration::httpRequestBurst, ServerConfiguration::httpRequestBurst);

    public static final Setting<Integer> MAX_DEFERRED_REQUESTS = integer("maxDeferredRequests", "--max-deferred-requests", "N", 64,
        1, 100_000, null,
        "Requests that may wait on one connection while it catches up or replays; one more gets RATE_LIMITED and is not applied.",
        ServerConfiguration::maxDeferredRequests, ServerConfiguration::maxDeferredRequests);

    public static final Setting<Integer> MAX_DEFERRED_BYTES = integer("maxDeferredBytes", "--max-deferred-bytes", "BYTES", 64 * 1024,
        1024, 64 * 1024 * 1024, null,
        "Bytes (as received) of the requests waiting on one connection; one that would pass it gets RATE_LIMITED and is not applied.",
        ServerConfiguration::maxDeferredBytes, ServerConfiguration::maxDeferredBytes);

    public static final Setting<Integer> MAX_OWED_BYTES = integer("maxOwedBytes", "--max-owed-bytes", "BYTES", 512 * 1024 * 1024,
        1024 * 1024, Integer.MAX_VALUE, null,
        "Bytes all connections together may owe (written, not yet taken by their sockets); past it a connection is cut off.",
        ServerConfiguration::maxOwedBytes, ServerConfiguration::maxOwedBytes);

    public static final Setting<Integer> SOCKET_SEND_BUFFER_BYTES = integer("socketSendBufferBytes", "--socket-send-buffer-bytes",
        "BYTES", 256 * 1024, 4 * 1024, 64 * 1024 * 1024, "left to the kernel",
        "The kernel's send buffer per connection (SO_SNDBUF), so that a client that stops reading is conflated soon.",
        ServerConfiguration::socketSendBufferBytes, ServerConfiguration::socketSendBufferBytes);

    public static final Setting<String> TLS_CERT = other("tlsCert", "--tls-cert", "FILE", String.class, "", "none",
        "PEM certificate, then its chain: HTTPS and WSS on the port instead of HTTP and WS (needs tlsKey).",
        ServerConfiguration::tlsCert, ServerConfiguration::tlsCert);

    public static final Setting<String> TLS_KEY = other("tlsKey", "--tls-key", "FILE", String.class, "", "none",
        "PEM private key (RSA or EC, unencrypted) of tlsCert.",
        ServerConfiguration::tlsKey, ServerConfiguration::tlsKey);

    public static final Setting<Integer> TLS_RELOAD_CHECK_MS = integer("tlsReloadCheckMs", "--tls-reload-check-ms", "MS", 10_000,
        100, 3_600_000, "only on SIGHUP",
        "How often to look whether tlsCert or tlsKey changed, to load the renewed pair (SIGHUP loads it at once).",
        ServerConfiguration::tlsReloadCheckMs, ServerConfiguration::tlsReloadCheckMs);

    public static final Setting<String> AUTH = other("auth", "--auth", "MODE", String.class, "none", "none",
        "none: anyone who reaches the port sees everything; token: a signed token at the handshake and its entitlements.",
        ServerConfiguration::auth, ServerConfiguration::auth);

    public static final Setting<String> TOKEN_SECRET = other("tokenSecret", "--token-secret", "FILE", String.class, "", "none",
        "With --auth token: tokens are HS256-signed with the secret in this file (at least 32 bytes).",
        ServerConfiguration::tokenSecret, ServerConfiguration::tokenSecret);

    public static final Setting<String> TOKEN_PUBLIC_KEY = other("tokenPublicKey", "--token-public-key", "FILE", String.class, "",
        "none",
        "With --auth token: tokens are signed with the private key of this PEM public key or certificate (RS256, ES256).",
        ServerConfiguration::tokenPublicKey, ServerConfiguration::tokenPublicKey);

    public static final Setting<String> TOKEN_JWKS = other("tokenJwks", "--token-jwks", "FILE", String.class, "", "none",
        "With --auth token: tokens are signed with one of the keys of this JWKS file (RS256, ES256), chosen by kid.",
        ServerConfiguration::tokenJwks, ServerConfiguration::tokenJwks);

    public static final Setting<String[]> ALLOWED_HOSTS = other("allowedHosts", "--allowed-hosts", "NAME",
        String[].class, new String[0], "none",
        "Host names (or *) clients may use to reach the server; localhost, addresses and the listen address always may.",
        c -> c.allowedHosts().toArray(new String[0]), (c, hosts) -> c.allowedHosts(List.of(hosts)));

    public static final Setting<String[]> CORS_ORIGINS = other("corsOrigins", "--cors-origins", "ORIGIN",
        String[].class, new String[0], "none",
        "Web origins (scheme://host[:port]) whose pages may read /api/* (CORS); none by default.",
        c -> c.corsOrigins().toArray(new String[0]), (c, origins) -> c.corsOrigins(List.of(origins)));

    public static final Setting<Boolean> ALLOW_UNAUTHENTICATED_REMOTE = other("allowUnauthenticatedRemote",
        "--allow-unauthenticated-remote", null, Boolean.class, false, "false",
        "Start without authentication on an address beyond loopback: anyone who reaches it sees everything.",
        ServerConfiguration::allowUnauthenticatedRemote, ServerConfiguration::allowUnauthenticatedRemote);

    public static final Setting<String> ADMIN_HOST = other("adminHost", "--admin-host", "ADDRESS", String.class, "127.0.0.1",
        "127.0.0.1",
        "Address of the admin listener (/health, /metrics).",
        ServerConfiguration::adminHost, ServerConfiguration::adminHost);

    public static final Setting<Integer> ADMIN_PORT = integer("adminPort", "--admin-port", "N", 0, 0, 65_535,
        "the client port + 1, or a free one when port is 0",
        "Port of the admin listener (/health, /metrics), never the client port.",
        ServerConfiguration::adminPort, ServerConfiguration::adminPort);

    /** Code only: tests put in a clock they move by hand. */
    public static final Setting<NanoClock> REPLAY_CLOCK = other("replayClock", null, null, NanoClock.class,
        SystemNanoClock.INSTANCE, "the system's monotonic clock",
        "The clock that paces replays.",
        ServerConfiguration::replayClock, ServerConfiguration::replayClock);

    /** Every setting, in the order of docs/configuration.md. */
    public static final List<Setting<?>> ALL = List.of(
        HOST,
        PORT,
        FLUSH_INTERVAL_MS,
        HEARTBEAT_INTERVAL_MS,
        ALLOWED_ORIGINS,
        MAX_INBOUND_MESSAGE_BYTES,
        MAX_CONTROL_MESSAGES_PER_SECOND,
        CONTROL_MESSAGE_BURST,
        MAX_SYMBOLS_PER_CONNECTION,
        MAX_CONNECTIONS,
        MAX_CONNECTIONS_PER_ADDRESS,
        PING_INTERVAL_MS,
        PING_TIMEOUT_MS,
        RESUME_AHEAD_WAIT_MS,
        MAX_HEALTHY_LAG,
        MAX_HEALTHY_STALL_MS,
        MAX_SESSION_BUFFER_BYTES,
        CONFLATE_ABOVE_BYTES,
        IDLE_TIMEOUT_MS,
        WARM_UP_DAYS,
        BAR_HISTORY_LIMIT,
        MAX_BARS_PER_REQUEST,
        BARS_JOURNAL_RECORDS,
        READ_BATCH_LIMIT,
        RESUME_BATCH_LIMIT,
        MAX_REPLAYS,
        REPLAY_BATCH_LIMIT,
        FAN_OUT_THREADS,
        CLOSE_TIMEOUT_MS,
        MAX_DEFERRED_REQUESTS,
        MAX_DEFERRED_BYTES,
        HANDSHAKE_TIMEOUT_MS,
        MAX_PENDING_HANDSHAKES_PER_ADDRESS,
        HTTP_REQUESTS_PER_SECOND,
        HTTP_REQUEST_BURST,
        MAX_OWED_BYTES,
        SOCKET_SEND_BUFFER_BYTES,
        TLS_CERT,
        TLS_KEY,
        TLS_RELOAD_CHECK_MS,
        AUTH,
        TOKEN_SECRET,
        TOKEN_PUBLIC_KEY,
        TOKEN_JWKS,
        ALLOWED_HOSTS,
        CORS_ORIGINS,
        ALLOW_UNAUTHENTICATED_REMOTE,
        ADMIN_HOST,
        ADMIN_PORT,
        REPLAY_CLOCK);

    private ServerSettings()
    {
    }
}
