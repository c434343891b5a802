package dev.ticker.server.http;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * {@code GET /metrics}: the metrics of {@link ServerMetrics} in the Prometheus text exposition
 * format (0.0.4), which every Prometheus-compatible scraper reads. A scrape only reads counters,
 * so it runs on the IO thread.
 */
public final class MetricsHandler implements HttpHandler
{
    private final PrometheusRegistry registry;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public MetricsHandler(final PrometheusRegistry registry)
    {
        this.registry = registry;
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange) throws IOException
    {
        final ByteArrayOutputStream text = new ByteArrayOutputStream(8 * 1024);
        writer.write(text, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, PrometheusTextFormatWriter.CONTENT_TYPE);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(ByteBuffer.wrap(text.toByteArray()));
    }
}
