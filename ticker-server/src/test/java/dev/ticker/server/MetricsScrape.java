package dev.ticker.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One scrape of {@code GET /metrics}, parsed as Prometheus text exposition format 0.0.4: every line
 * must be a {@code # HELP}, a {@code # TYPE} or a sample of a family whose type was declared, or
 * the test fails. Samples are looked up by their series, e.g. {@code ticker_errors_total{code="RATE_LIMITED"}}.
 */
public final class MetricsScrape
{
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final Pattern SAMPLE = Pattern.compile(
        "(" + NAME + ")(\\{(?:" + LABEL + "(?:," + LABEL + ")*)?})? (\\S+)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|summary|histogram|untyped)");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");

    private final Map<String, Double> samples = new HashMap<>();
    private final Map<String, String> types = new HashMap<>();
    public final String text;

    private MetricsScrape(final String text)
    {
        this.text = text;
        for (final String line : text.split("\n"))
        {
            final Matcher type = TYPE.matcher(line);
            final Matcher sample = SAMPLE.matcher(line);
            if (type.matches())
            {
                types.put(type.group(1), type.group(2));
            }
            else if (sample.matches())
            {
                final String family = family(sample.group(1));
                assertTrue(types.containsKey(family), "sample before the # TYPE of its family: " + line);
                final String series = sample.group(1) + (null == sample.group(2) ? "" : sample.group(2));
                assertEquals(null, samples.put(series, Double.parseDouble(sample.group(3))), "duplicate series: " + line);
            }
            else if (!HELP.matcher(line).matches() && !line.isEmpty())
            {
                fail("not a line of the Prometheus text format: '" + line + "'");
            }
        }
    }

    public static MetricsScrape scrape(final int port)
    {
        try
        {
            final HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(WebSocketTestClient.TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                response.headers().toString());
            return new MetricsScrape(response.body());
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** The value of a series; fails the test when the scrape has no such series. */
    public double value(final String series)
    {
        final Double value = samples.get(series);
        if (null == value)
        {
            fail("no series " + series + " in the scrape:\n" + text);
        }
        return value;
    }

    /** The declared type of a metric family: counter, gauge, ... */
    public String type(final String family)
    {
        return types.get(family);
    }

    private String family(final String sampleName)
    {
        if (types.containsKey(sampleName))
        {
            return sampleName;
        }
        return sampleName.endsWith("_total") ? sampleName.substring(0, sampleName.length() - "_total".length()) : sampleName;
    }
}
