package dev.ticker.benchmarks.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;

/**
 * The latency percentile distribution as a PNG: latency against percentile, on an axis that
 * stretches the tail (1 / (1 - percentile)), the usual way to read HdrHistogram output.
 */
final class LatencyChart
{
    private LatencyChart()
    {
    }

    static void write(final Histogram nanos, final String title, final Path png) throws IOException
    {
        final XYSeries series = new XYSeries("latency");
        for (final HistogramIterationValue value : nanos.percentiles(5))
        {
            final double percentile = value.getPercentileLevelIteratedTo() / 100.0;
            if (percentile >= 1.0)
            {
                break;
            }
            series.add(1.0 / (1.0 - percentile), value.getValueIteratedTo() / 1_000.0);
        }
        final JFreeChart chart = ChartFactory.createXYLineChart(title, "percentile", "latency (us)",
            new XYSeriesCollection(series), PlotOrientation.VERTICAL, false, false, false);
        final XYPlot plot = chart.getXYPlot();
        final LogAxis percentileAxis = new LogAxis("percentile");
        percentileAxis.setBase(10);
        percentileAxis.setTickUnit(new NumberTickUnit(1));
        percentileAxis.setNumberFormatOverride(new DecimalFormat("0.####")
        {
            private static final long serialVersionUID = 1L;

            @Override
            public StringBuffer format(final double number, final StringBuffer result, final java.text.FieldPosition position)
            {
                // x is 1 / (1 - p): 10 is p90, 100 is p99, 1000 is p99.9
                return super.format(100.0 * (1.0 - 1.0 / number), result, position).append('%');
            }
        });
        plot.setDomainAxis(percentileAxis);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 500);
    }
}
