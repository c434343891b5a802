package dev.ticker.benchmarks.load;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;

/**
 * The measured window second by second: delivered rates and latency percentiles of each second,
 * so that a stall or a slow drift shows where a whole-run percentile would hide it.
 */
public final class RunTimeline
{
    /** One interval of the window; latency in microseconds, 0 when nothing arrived. */
    public record Point(double atSeconds, double ticksPerSecond, double framesPerSecond, double p50Us, double p99Us, double maxUs)
    {
    }

    private final List<Point> points = new ArrayList<>();

    void add(final double atSeconds, final double ticksPerSecond, final double framesPerSecond, final Histogram latencyNs)
    {
        final boolean any = latencyNs.getTotalCount() > 0;
        points.add(new Point(atSeconds, ticksPerSecond, framesPerSecond,
            any ? latencyNs.getValueAtPercentile(50) / 1e3 : 0,
            any ? latencyNs.getValueAtPercentile(99) / 1e3 : 0,
            any ? latencyNs.getMaxValue() / 1e3 : 0));
    }

    List<Point> points()
    {
        return List.copyOf(points);
    }
}
