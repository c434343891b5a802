package dev.ticker.cli;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;
import dev.ticker.proto.v1.Instrument;
import dev.ticker.server.bars.BarIntervals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ticker bars}: the OHLCV bars of a journal window with VWAP and trade count, built by the
 * server's own bar code (the values of {@code /api/bars}), as CSV, JSON Lines or Parquet.
 */
@Command(
    name = "bars",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Exports the bars of a journal window (OHLCV, VWAP, trade count) as CSV, JSON Lines or Parquet.",
        "The bars are built by the server's own code, so they equal /api/bars and the dashboard's candles.",
        "Prices are decimals; times are ISO-8601 and epoch nanoseconds (a string in JSON).",
        "TIME is read as for ticker replay (docs/times.md). See docs/replay.md#bars."},
    footer = {"", "Example:",
        "  ticker bars --journal data --interval 1m --from 2026-11-20 --to 2026-11-21 \\",
        "    --symbols AAPL,MSFT --format parquet --out bars.parquet"})
final class BarsCommand implements Callable<Integer>
{
    /** The export formats. */
    enum BarFormat
    {
        CSV, JSON, PARQUET;

        @Override
        public String toString()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Mixin
    JournalWindowOptions journalWindow;

    @Option(names = "--interval", paramLabel = "INTERVAL", required = true,
        description = "The bar length: 1s, 5s, 1m, 5m, 15m, 1h or 1d (a trading day in the instrument's time zone).")
    String interval;

    @Option(names = "--format", paramLabel = "csv|json|parquet", required = true,
        description = "csv (with a header), json (one object per line) or parquet (start as TIMESTAMP_NS, prices as exact decimals).")
    BarFormat format;

    @Option(names = "--out", paramLabel = "FILE",
        description = "Write to FILE (as FILE.partial, renamed when complete) (default: standard output).")
    Path outFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException
    {
        final int intervalIndex = BarIntervals.parse(interval);
        if (intervalIndex < 0)
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--interval " + interval + ": expected one of " + BarIntervals.names());
        }
        final List<BarSink.VwapBar> bars;
        final Path target;
        // opened first: a missing folder is said before the journal is read
        try (ExportOutput output = ExportOutput.open(outFile))
        {
            target = output.target();
            final InstrumentCatalog catalog;
            try (TickJournal source = TickJournal.open(ReplayCommand.journalFolder(journalWindow.journal)); TickTailer tailer = source.tailer())
            {
                catalog = source.instruments();
                final ReplayWindow window = ReplayWindow.resolve(tailer, journalWindow.from, journalWindow.to, journalWindow.zone);
                final BarSink sink = new BarSink(catalog, intervalIndex);
                new WindowReplayer(tailer, window, ReplayCommand.selectSymbols(catalog, journalWindow.symbols), 0).run(sink, scanned -> { }, () -> false);
                bars = sink.bars();
            }
            final String intervalName = interval.strip();
            switch (format)
            {
                case CSV -> BarWriters.csv(output.stream(), bars, intervalName);
                case JSON -> BarWriters.json(output.stream(), bars, intervalName);
                default -> BarWriters.parquet(output.stream(), bars, intervalName, catalog);
            }
            output.complete();
        }
        spec.commandLine().getErr().println("ticker bars: " + bars.size() + " bars of " + interval.strip() + " to " +
            (null == target ? "standard output" : target));
        spec.commandLine().getErr().flush();
        return 0;
    }
}
