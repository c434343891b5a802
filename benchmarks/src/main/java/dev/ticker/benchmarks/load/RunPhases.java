package dev.ticker.benchmarks.load;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How long each phase of a load run took (starting the server, connecting, warming up, measuring,
 * reading the server's figures, charts), so a run that took longer than asked says where the time went.
 */
final class RunPhases
{
    /** A run may take this much longer than its warm-up and measured time before it says why. */
    static final Duration SLACK = Duration.ofSeconds(5);

    private final long startNs = System.nanoTime();
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private long lastNs = startNs;

    /** The phase named ends now. */
    void end(final String phase)
    {
        final long now = System.nanoTime();
        seconds.merge(phase, (now - lastNs) / 1e9, Double::sum);
        lastNs = now;
    }

    Map<String, Double> seconds()
    {
        return Collections.unmodifiableMap(new LinkedHashMap<>(seconds));
    }

    double totalSeconds()
    {
        return (lastNs - startNs) / 1e9;
    }

    /** Why the run took longer than its warm-up and duration (plus {@link #SLACK}): its phases; empty when it did not. */
    String whyLonger(final Duration warmup, final Duration duration)
    {
        final double asked = (warmup.toMillis() + duration.toMillis()) / 1e3;
        if (totalSeconds() <= asked + SLACK.toSeconds())
        {
            return "";
        }
        final StringBuilder why = new StringBuilder(String.format(Locale.ROOT, "took %.1f s for %.1f s of warm-up and measurement:",
            totalSeconds(), asked));
        seconds.forEach((phase, s) -> why.append(String.format(Locale.ROOT, " %s %.1f s;", phase, s)));
        why.setLength(why.length() - 1);
        return why.toString();
    }
}
