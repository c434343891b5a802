package dev.ticker.benchmarks.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.FieldPosition;
import java.util.Locale;

/**
 * The charts and histogram files of a load run: the latency percentile distribution on log scales
 * with the run's settings on it ({@code latency.png}, and {@code latency.hgrm}, HdrHistogram's own
 * percentile output that its plotter reads), and throughput and latency second by second
 * ({@code timeline.png}), where a stall shows.
 */
final class LoadCharts
{
    static final String LATENCY_PNG = "latency.png";
    static final String LATENCY_HGRM = "latency.hgrm";
    static final String TIMELINE_PNG = "timeline.png";
    private static final double NANOS_PER_MICRO = 1_000.0;
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 560;

    private LoadCharts()
    {
    }

    /** The settings line every chart carries. */
    static String settingsLine(final LoadReport.Settings settings)
    {
        return String.format(Locale.ROOT, "%,d clients, %s%s, rate %,d ticks/s, flush %d ms, slow %.0f %%, %d threads, " +
            "warm-up %.0f s, measured %.0f s%s", settings.clients(), settings.symbols(),
            settings.maxUpdatesPerSecond() == 0 ? "" : " at " + settings.maxUpdatesPerSecond() + " updates/s",
            settings.rate(), settings.flushMs(), 100 * settings.slowFraction(), settings.threads(), settings.warmupSeconds(),
            settings.durationSeconds(), settings.serverStartedByGenerator() ? "" : ", server at " + settings.url());
    }

    /** HdrHistogram's percentile distribution in microseconds, as its own tools write and read it. */
    static void writeHgrm(final Histogram nanos, final Path file) throws IOException
    {
        try (PrintStream out = new PrintStream(file.toFile(), StandardCharsets.UTF_8))
        {
            nanos.outputPercentileDistribution(out, NANOS_PER_MICRO);
        }
    }

    /** Latency (log scale) against percentile (log scale of 1 / (1 - p)), with the settings under the title. */
    static void writeLatency(final Histogram nanos, final LoadReport.Settings settings, final Path png) throws IOException
    {
        final XYSeries series = new XYSeries("latency");
        for (final HistogramIterationValue value : nanos.percentiles(5))
        {
            final double percentile = value.getPercentileLevelIteratedTo() / 100.0;
            if (percentile >= 1.0)
            {
                break;
            }
            series.add(1.0 / (1.0 - percentile), Math.max(1.0, value.getValueIteratedTo() / NANOS_PER_MICRO));
        }
        final LogAxis percentileAxis = new LogAxis("percentile");
        percentileAxis.setBase(10);
        percentileAxis.setTickUnit(new NumberTickUnit(1));
        percentileAxis.setNumberFormatOverride(new PercentileFormat());
        final LogAxis latencyAxis = latencyAxis();
        final XYPlot plot = new XYPlot(new XYSeriesCollection(series), percentileAxis, latencyAxis, new XYLineAndShapeRenderer(true, false));
        final JFreeChart chart = new JFreeChart("Ticker: journal → client latency by percentile", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.addSubtitle(new TextTitle(settingsLine(settings)));
        chart.addSubtitle(new TextTitle(String.format(Locale.ROOT, "%,d ticks; p50 %,.0f us, p99 %,.0f us, max %,.0f us",
            nanos.getTotalCount(), nanos.getValueAtPercentile(50) / NANOS_PER_MICRO, nanos.getValueAtPercentile(99) / NANOS_PER_MICRO,
            nanos.getMaxValue() / NANOS_PER_MICRO)));
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    /** Delivered ticks/s above, latency p50/p99/max (log scale) below, second by second. */
    static void writeTimeline(final RunTimeline timeline, final LoadReport.Settings settings, final Path png) throws IOException
    {
        final XYSeries ticks = new XYSeries("delivered ticks/s");
        final XYSeries p50 = new XYSeries("p50");
        final XYSeries p99 = new XYSeries("p99");
        final XYSeries max = new XYSeries("max");
        for (final RunTimeline.Point point : timeline.points())
        {
            ticks.add(point.atSeconds(), point.ticksPerSecond());
            // a second with nothing delivered has no latency: drawn at the axis floor, where it shows as a gap to the eye
            p50.add(point.atSeconds(), Math.max(1.0, point.p50Us()));
            p99.add(point.atSeconds(), Math.max(1.0, point.p99Us()));
            max.add(point.atSeconds(), Math.max(1.0, point.maxUs()));
        }
        final NumberAxis ticksAxis = new NumberAxis("delivered ticks/s");
        final XYPlot throughput = new XYPlot(new XYSeriesCollection(ticks), null, ticksAxis, new XYLineAndShapeRenderer(true, true));
        final XYSeriesCollection latencies = new XYSeriesCollection();
        latencies.addSeries(p50);
        latencies.addSeries(p99);
        latencies.addSeries(max);
        final LogAxis latencyAxis = latencyAxis();
        final XYPlot latency = new XYPlot(latencies, null, latencyAxis, new XYLineAndShapeRenderer(true, true));
        final CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("seconds into the measured window"));
        plot.add(throughput, 1);
        plot.add(latency, 1);
        final JFreeChart chart = new JFreeChart("Ticker: throughput and latency over time", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.addSubtitle(new TextTitle(settingsLine(settings)));
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    /** Microseconds on a log scale, labelled as plain numbers (6,310 rather than 10^3.8). */
    private static LogAxis latencyAxis()
    {
        final LogAxis axis = new LogAxis("latency (us, log scale)");
        axis.setBase(10);
        axis.setSmallestValue(1);
        axis.setNumberFormatOverride(new DecimalFormat("#,##0"));
        return axis;
    }

    /** Labels x = 1 / (1 - p) as the percentile p: 10 is 90%, 100 is 99%, 1000 is 99.9%. */
    private static final class PercentileFormat extends DecimalFormat
    {
        private static final long serialVersionUID = 1L;

        PercentileFormat()
        {
            super("0.####");
        }

        @Override
        public StringBuffer format(final double number, final StringBuffer result, final FieldPosition position)
        {
            return super.format(100.0 * (1.0 - 1.0 / number), result, position).append('%');
        }
    }
}
