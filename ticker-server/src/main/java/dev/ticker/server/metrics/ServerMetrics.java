package dev.ticker.server.metrics;

import dev.ticker.proto.v1.ErrorCode;
import dev.ticker.server.limits.ConnectionLimiter;
import dev.ticker.server.limits.PendingHandshakes;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.agrona.concurrent.EpochNanoClock;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * What {@code GET /metrics} exposes, one line per metric. Every metric is a callback that reads
 * the server's counters when Prometheus scrapes, so the stream agent and the IO threads pay
 * nothing per tick; adding a metric is adding a line here. docs/operations.md lists them.
 */
public final class ServerMetrics
{
    private static final String ERROR_CODE_PREFIX = "ERROR_CODE_";

    private final PrometheusRegistry registry = new PrometheusRegistry();

    private ServerMetrics()
    {
    }

    public static PrometheusRegistry registry(
        final ServerCounters server,
        final ConnectionCounters connections,
        final ConnectionLimiter limiter,
        final PendingHandshakes pendingHandshakes,
        final DoubleSupplier agentErrors,
        final EpochNanoClock clock)
    {
        final ServerMetrics m = new ServerMetrics();
        m.gauge("ticker_connections", "Open WebSocket connections.", limiter::connections);
        m.counter("ticker_connections_opened", "WebSocket connections accepted.", connections::opened);
        m.counter("ticker_connections_refused", "WebSocket connections turned away (TOO_MANY_CONNECTIONS or server busy), by the limit they hit.",
            "reason", List.of(ConnectionCounters.Refusal.values()), ConnectionCounters.Refusal::label, connections::refused);
        m.counter("ticker_connections_closed", "WebSocket connections closed, by close code (the first close frame's, whoever sent it; 1006: none).",
            "code", closeCodes(), code -> code == 0 ? "other" : String.valueOf(code), connections::closes);
        m.gauge("ticker_pending_handshakes", "TCP connections on the client port still in their handshake (TLS, first HTTP request).",
            pendingHandshakes::pending);
        m.counter("ticker_pending_handshakes_refused",
            "TCP connections closed at accept because their address already had maxPendingHandshakesPerAddress in their handshake.",
            pendingHandshakes::refused);
        m.counter("ticker_ping_timeouts", "Connections closed because the peer answered no ping in time.", connections::pingTimeouts);
        m.counter("ticker_rate_limited", "Connections closed because they sent client messages faster than allowed.", connections::rateLimited);
        m.counter("ticker_http_rate_limited", "HTTP requests answered 429 because their address passed httpRequestsPerSecond.",
            connections::httpRateLimited);
        m.gauge("ticker_sessions", "Sessions the stream agent serves.", server::sessions);
        m.gauge("ticker_subscriptions", "Instrument subscriptions over all sessions.", server::subscriptions);
        m.counter("ticker_ticks_in", "Journal records read by the stream agent.", server::ticksIn);
        m.counter("ticker_ticks_out", "Ticks sent to clients in data frames.", server::ticksOut);
        m.counter("ticker_frames_out", "Data frames sent to clients.", server::framesOut);
        m.counter("ticker_journal_damage", "Damaged regions of the journal the stream stepped over; their sequences were never served.",
            server::journalDamage);
        m.counter("ticker_frames_built", "Data frames built; a frame shared by sessions with the same subscription is built once.",
            server::framesBuilt);
        m.counter("ticker_ticks_encoded", "Ticks encoded to wire bytes, once per fan-out thread for each tick some session wants.",
            server::ticksEncoded);
        m.counter("ticker_bytes_out", "Bytes of data frames sent to clients.", server::bytesOut);
        m.counter("ticker_conflated_updates", "Ticks merged away by conflation (slow sessions and rate-limited subscriptions).", server::conflatedTicks);
        m.gauge("ticker_conflating_sessions", "Sessions currently getting only the latest values because they fell behind.", server::conflatingSessions);
        m.counter("ticker_slow_consumer_closes", "Connections closed because they fell too far behind.", server::slowConsumerCloses);
        m.counter("ticker_resume_requests", "Resume requests received.", server::resumeRequests);
        m.counter("ticker_deferred_refused", "Requests refused (RATE_LIMITED) because maxDeferredRequests or maxDeferredBytes already waited on their connection.",
            server::deferredRefused);
        m.counter("ticker_resume_ticks_replayed", "Ticks sent from the journal to resuming clients.", server::resumeTicksReplayed);
        m.gauge("ticker_resuming_sessions", "Sessions catching up from the journal after a Resume.", server::resumingSessions);
        m.gauge("ticker_replays", "Replays running over the WebSocket.", server::replays);
        m.counter("ticker_replay_ticks_out", "Ticks sent to clients in replay frames.", server::replayTicksOut);
        m.counter("ticker_bars_out", "Bar updates sent to clients.", server::barsOut);
        m.counter("ticker_idle_closes", "Connections closed because they subscribed to nothing for the idle timeout.", server::idleCloses);
        m.counter("ticker_warm_up_records", "Journal records read at start to rebuild bars and day statistics.", server::warmUpRecords);
        m.gauge("ticker_journal_head_sequence", "Newest journal record seen by the stream agent.", server::headSequence);
        m.gauge("ticker_scanned_sequence", "Last journal record read by the stream agent.", server::scannedSequence);
        m.gauge("ticker_tailer_lag_records", "Records between the journal head and the stream agent's position.",
            () -> Math.max(0, server.headSequence() - server.scannedSequence()));
        m.counter("ticker_journal_gaps", "Records whose sequence did not follow the previous one (never, in a sound journal).", server::journalGaps);
        m.counter("ticker_errors", "Error messages sent to clients, by code.",
            "code", errorCodes(), code -> code.name().substring(ERROR_CODE_PREFIX.length()), server::errors);
        m.counter("ticker_stream_agent_errors", "Exceptions the stream agent met (each is logged once).", agentErrors);
        m.gauge("ticker_stream_agent_cycle_age_seconds", "Time since the stream agent last finished a duty cycle.",
            () -> Math.max(0, clock.nanoTime() - server.lastDutyCycleEpochNs()) / 1e9);
        return m.registry;
    }

    private void counter(final String name, final String help, final DoubleSupplier value)
    {
        CounterWithCallback.builder().name(name).help(help)
            .callback(callback -> callback.call(value.getAsDouble()))
            .register(registry);
    }

    private <T> void counter(
        final String name,
        final String help,
        final String labelName,
        final List<T> keys,
        final Function<T, String> label,
        final ToDoubleFunction<T> value)
    {
        CounterWithCallback.builder().name(name).help(help).labelNames(labelName)
            .callback(callback -> keys.forEach(key -> callback.call(value.applyAsDouble(key), label.apply(key))))
            .register(registry);
    }

    private void gauge(final String name, final String help, final DoubleSupplier value)
    {
        GaugeWithCallback.builder().name(name).help(help)
            .callback(callback -> callback.call(value.getAsDouble()))
            .register(registry);
    }

    /** 1000 to 1015 but 1004 (reserved, never sent), then 0 for every other code. */
    private static List<Integer> closeCodes()
    {
        return IntStream.concat(
            IntStream.rangeClosed(ConnectionCounters.FIRST_CLOSE_CODE, ConnectionCounters.LAST_CLOSE_CODE).filter(code -> code != 1004),
            IntStream.of(0)).boxed().toList();
    }

    private static List<ErrorCode> errorCodes()
    {
        return Arrays.stream(ErrorCode.values())
            .filter(code -> code != ErrorCode.ERROR_CODE_UNSPECIFIED && code != ErrorCode.UNRECOGNIZED)
            .toList();
    }
}
