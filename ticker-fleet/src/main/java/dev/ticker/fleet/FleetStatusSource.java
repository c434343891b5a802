package dev.ticker.fleet;

import dev.ticker.server.http.StatusSource;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.util.function.DoubleSupplier;

/**
 * A fleet member's {@link FleetStatus} in the server's {@code /health} and {@code /metrics}: an
 * edge whose following stopped (a gap, a damaged record) answers 503 so that a load balancer sends
 * its clients elsewhere, and its lag behind the topic, role and Kafka errors are there to scrape.
 */
public final class FleetStatusSource implements StatusSource
{
    private final FleetStatus status;

    public FleetStatusSource(final FleetStatus status)
    {
        this.status = status;
    }

    @Override
    public String problem()
    {
        final String alarm = status.alarm();
        return alarm.isEmpty() ? "" : "fleet: " + alarm;
    }

    @Override
    public String healthFields()
    {
        return "\"fleetRole\":\"" + status.role().name().toLowerCase(java.util.Locale.ROOT) + "\"" +
            ",\"fleetHeadSequence\":" + status.headSequence() +
            ",\"fleetPublishedSequence\":" + status.publishedSequence() +
            ",\"fleetLagRecords\":" + status.lagRecords() +
            ",\"fleetLagMs\":" + status.lagMs() +
            ",\"fleetDuplicatesSkipped\":" + status.duplicatesSkipped() +
            ",\"kafkaErrors\":" + status.kafkaErrors() +
            ",\"lastKafkaError\":" + quote(status.lastKafkaError()) +
            ",\"fleetAlarm\":" + quote(status.alarm());
    }

    @Override
    public void register(final PrometheusRegistry registry)
    {
        gauge(registry, "ticker_fleet_lag_records", "Committed Kafka records of the topic not yet in this journal.", status::lagRecords);
        gauge(registry, "ticker_fleet_lag_ms", "How long ago the writer sent the newest record applied while more wait; 0 when caught up.",
            status::lagMs);
        gauge(registry, "ticker_fleet_head_sequence", "The newest sequence in this member's journal.", status::headSequence);
        gauge(registry, "ticker_fleet_published_sequence", "An active writer's last sequence committed to the topic.", status::publishedSequence);
        gauge(registry, "ticker_fleet_alarm", "1 when following the topic stopped (gap, damaged record, diverging journal); /health says why.",
            () -> status.alarm().isEmpty() ? 0 : 1);
        GaugeWithCallback.builder().name("ticker_fleet_role").help("1 for this member's role: edge, standby, active or fenced.")
            .labelNames("role")
            .callback(callback ->
            {
                for (final FleetStatus.Role role : FleetStatus.Role.values())
                {
                    callback.call(role == status.role() ? 1 : 0, role.name().toLowerCase(java.util.Locale.ROOT));
                }
            })
            .register(registry);
        counter(registry, "ticker_fleet_records_applied", "Ticks taken from the topic into this journal.", status::appliedRecords);
        counter(registry, "ticker_fleet_duplicates_skipped", "Ticks of the topic at or below the journal's head, checked equal and skipped.",
            status::duplicatesSkipped);
        counter(registry, "ticker_fleet_kafka_errors", "Errors from Kafka's clients (each retried).", status::kafkaErrors);
        counter(registry, "ticker_fleet_takeovers", "Times this writer became the active one.", status::takeovers);
    }

    private static void gauge(final PrometheusRegistry registry, final String name, final String help, final DoubleSupplier value)
    {
        GaugeWithCallback.builder().name(name).help(help).callback(callback -> callback.call(value.getAsDouble())).register(registry);
    }

    private static void counter(final PrometheusRegistry registry, final String name, final String help, final DoubleSupplier value)
    {
        CounterWithCallback.builder().name(name).help(help).callback(callback -> callback.call(value.getAsDouble())).register(registry);
    }

    /** A JSON string of {@code text}: quotes, backslashes and control characters escaped. */
    private static String quote(final String text)
    {
        final StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\')
            {
                out.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                out.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
