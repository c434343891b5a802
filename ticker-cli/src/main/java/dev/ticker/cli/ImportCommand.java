package dev.ticker.cli;

import dev.ticker.fleet.FleetConfiguration;
import dev.ticker.fleet.ImportPublication;
import dev.ticker.journal.TickJournal;
import dev.ticker.simulator.importing.CsvImporter;
import dev.ticker.simulator.importing.ImportConfiguration;
import dev.ticker.simulator.importing.ImportResult;
import dev.ticker.journal.TimeParser.EpochUnit;
import dev.ticker.simulator.InstrumentFile;
import dev.ticker.simulator.importing.ColumnMapping;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemEpochClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
        "Imports real trades (and quotes) from CSV into a new journal.",
        "Every line is checked first; each bad one is reported as FILE:LINE: field='value': why, and then nothing is written.",
        "Rows are sorted by time, keeping the file's order for equal times; a trade goes before a quote of the same time.",
        "Files larger than the heap are sorted in chunks on disk beside the journal.",
        "Columns, vendor layouts and times: see docs/import.md; samples/trades.csv and samples/quotes.csv are examples.",
        "With --kafka it also publishes the journal to the fleet's topic, after the topic's last committed sequence " +
            "(see docs/fleet.md); a topic holding other records under the same sequences is refused."})
final class ImportCommand implements Callable<Integer>
{
    @Option(names = "--trades", required = true, paramLabel = "FILE",
        description = "Trades as CSV: time,symbol,price,size[,side].")
    Path trades;

    @Option(names = "--quotes", paramLabel = "FILE",
        description = "Quotes as CSV: time,symbol,bid_price,bid_size,ask_price,ask_size.")
    Path quotes;

    @Option(names = "--out", required = true, paramLabel = "DIR",
        description = "Data folder to write; the journal goes to DIR/journal, which must not hold records yet.")
    Path out;

    @Option(names = "--instruments", paramLabel = "FILE",
        description = "The instruments the files name, as CSV (default: the built-in universe).")
    Path instruments;

    @Option(names = "--time-unit", paramLabel = "UNIT", converter = EpochUnitConverter.class,
        description = "The unit of integer times: s, ms, us or ns (default: inferred from their size, and said).")
    EpochUnit timeUnit;

    @Option(names = "--columns", paramLabel = "COLUMN=HEADER[,...]",
        description = "Which header names hold the columns, e.g. time=timestamp,symbol=ticker; side= leaves a side column unread.")
    String columns;

    @Option(names = "--columns-file", paramLabel = "FILE",
        description = "The same mapping from a file: COLUMN=HEADER pairs, one a line, # for comments.")
    Path columnsFile;

    @Option(names = "--replace",
        description = "Replace a journal that already holds records (the new one is written aside first).")
    boolean replace;

    @Mixin
    FleetOptions fleet;

    @Spec
    CommandSpec spec;

    @ParentCommand
    TickerCli parent;

    @Override
    public Integer call()
    {
        // a bad --kafka or --topic is reported before the import, not after it
        final FleetConfiguration fleetConfiguration = fleet.enabled() ? fleet.configuration() : null;
        final ImportConfiguration configuration = new ImportConfiguration()
            .journal(DataOptions.journalDirectory(out))
            .trades(trades)
            .quotes(quotes)
            .replace(replace)
            .timeUnit(timeUnit)
            .columns(columnMapping());
        if (null != instruments)
        {
            configuration.instruments(InstrumentFile.load(instruments)).instrumentsName("the instrument file " + instruments);
        }
        final CsvImporter importer = new CsvImporter(configuration);
        final ImportResult result;
        try (ProgressBars progress = parent.progress(spec))
        {
            result = Cancellation.whileRunning(importer::cancel, () -> importer.run(progress),
                spec.commandLine().getErr(), spec.qualifiedName());
        }
        final PrintWriter out = spec.commandLine().getOut();
        out.println("Imported into " + result.journal());
        out.printf("  %,d trades and %,d quotes of %d instruments%n",
            result.counts().trades(), result.counts().quotes(), result.instruments());
        out.println("  event times " + Formats.time(result.counts().firstEventTimeNs()) + " to " +
            Formats.time(result.counts().lastEventTimeNs()));
        out.printf("  %,d lines out of time order, sorted into place%n", result.outOfOrder());
        result.inferredUnits().lines().forEach(line -> out.println("  " + line));
        final long rows = result.counts().total();
        out.printf("  %,d rows in %s: %,d rows/s%n", rows, Formats.duration(result.elapsedNs()),
            rows * 1_000_000_000L / Math.max(1, result.elapsedNs()));
        if (null == fleetConfiguration)
        {
            out.println("Serve it with: ticker serve --data " + result.journal().getParent());
            out.flush();
            return 0;
        }
        out.flush();
        publish(result, fleetConfiguration, out);
        return 0;
    }

    /** Publishes the new journal to the topic; Ctrl-C stops it between transactions, and it says how far it got. */
    private void publish(final ImportResult result, final FleetConfiguration fleetConfiguration, final PrintWriter out)
    {
        final AtomicBoolean cancelled = new AtomicBoolean();
        final long startNs = System.nanoTime();
        try (TickJournal journal = TickJournal.open(result.journal()))
        {
            // reported inside the work: after a Ctrl-C the JVM may exit as soon as the work has returned
            Cancellation.whileRunning(() -> cancelled.set(true), () ->
            {
                final ImportPublication.Result published = ImportPublication.publish(journal,
                    fleetConfiguration, SystemEpochClock.INSTANCE, new SleepingMillisIdleStrategy(1), cancelled::get);
                report(published, fleetConfiguration, startNs, out);
                return published;
            }, spec.commandLine().getErr(), spec.qualifiedName());
        }
    }

    private static void report(
        final ImportPublication.Result published, final FleetConfiguration fleetConfiguration, final long startNs, final PrintWriter out)
    {
        final String topic = "the topic " + fleetConfiguration.topic() + " on " + fleetConfiguration.bootstrapServers();
        if (published.published() == 0)
        {
            out.println("Published nothing: " + topic + " already holds sequences 1.." + published.lastSequence() + ", this journal's records.");
        }
        else
        {
            out.printf("Published sequences %,d..%,d to %s in %s%n", published.fromSequence(), published.lastSequence(), topic,
                Formats.duration(System.nanoTime() - startNs));
        }
        out.println("Edges follow it: ticker edge --kafka " + fleetConfiguration.bootstrapServers() + " --topic " +
            fleetConfiguration.topic() + " --data DIR");
        out.flush();
    }

    private ColumnMapping columnMapping()
    {
        final ColumnMapping fromFlag = null == columns ? ColumnMapping.IDENTITY : ColumnMapping.parse("--columns", columns);
        return null == columnsFile ? fromFlag : fromFlag.with(ColumnMapping.load(columnsFile));
    }

    /** s, ms, us or ns, any case; anything else is a usage error naming the choices. */
    static final class EpochUnitConverter implements picocli.CommandLine.ITypeConverter<EpochUnit>
    {
        @Override
        public EpochUnit convert(final String value)
        {
            try
            {
                return EpochUnit.of(value);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new picocli.CommandLine.TypeConversionException(ex.getMessage());
            }
        }
    }
}
