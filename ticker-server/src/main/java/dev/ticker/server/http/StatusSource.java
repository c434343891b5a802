package dev.ticker.server.http;

import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * A part of the process beside the server whose state {@code /health} and {@code /metrics} must
 * show too: an edge's follower of the fleet's topic, say, whose lag and alarms decide whether a load
 * balancer should send clients here. Called from HTTP threads: implementations read only
 * thread-safe state.
 */
public interface StatusSource
{
    /** Nothing beside the server. */
    StatusSource NONE = new StatusSource()
    {
        @Override
        public String problem()
        {
            return "";
        }

        @Override
        public String healthFields()
        {
            return "";
        }

        @Override
        public void register(final PrometheusRegistry registry)
        {
        }
    };

    /** Why {@code /health} must answer 503 {@code "degraded"}; empty while all is well. */
    String problem();

    /** Fields added to {@code /health}'s JSON object: {@code "name":value} pairs joined by commas, or empty. */
    String healthFields();

    /** Adds its metrics to the server's registry, once, at start. */
    void register(PrometheusRegistry registry);
}
