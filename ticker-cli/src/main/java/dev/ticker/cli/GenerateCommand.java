package dev.ticker.cli;

import dev.ticker.simulator.GeneratorConfiguration;
import dev.ticker.simulator.HistoryGenerator;
import dev.ticker.simulator.InstrumentFile;
import dev.ticker.simulator.TickCounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
        "Generates whole trading sessions of the simulated market into a new journal, as fast as the machine allows.",
        "Each instrument trades its own session hours in its exchange's time zone, on weekdays.",
        "The same settings give the same journal, byte for byte.",
        "Serve it with: ticker serve --data DIR"})
final class GenerateCommand implements Callable<Integer>
{
    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD",
        description = "First trading day; a Saturday or Sunday moves to the Monday.")
    LocalDate date;

    @Option(names = "--days", paramLabel = "N", defaultValue = "1",
        description = "Trading days (weekdays) to generate (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--out", required = true, paramLabel = "DIR",
        description = "Data folder to write; the journal goes to DIR/journal, which must not hold records yet.")
    Path out;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
        description = "Seed of the market model (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--activity", paramLabel = "X", defaultValue = "" + GeneratorConfiguration.DEFAULT_ACTIVITY,
        description = "Share of each instrument's average daily volume to trade; 0.1 is about 2.8 million ticks a day " +
            "for the built-in universe (default: ${DEFAULT-VALUE}).")
    double activity;

    @Option(names = "--instruments", paramLabel = "FILE",
        description = "Instrument universe as CSV (default: the built-in universe).")
    Path instruments;

    @Option(names = "--replace",
        description = "Replace a journal that already holds records (the new one is written aside first).")
    boolean replace;

    @Spec
    CommandSpec spec;

    @ParentCommand
    TickerCli parent;

    @Override
    public Integer call()
    {
        final GeneratorConfiguration configuration = new GeneratorConfiguration()
            .journal(DataOptions.journalDirectory(out))
            .date(date)
            .days(days)
            .seed(seed)
            .activity(activity)
            .replace(replace);
        if (null != instruments)
        {
            configuration.instruments(InstrumentFile.load(instruments));
        }
        final HistoryGenerator generator = new HistoryGenerator(configuration);
        final List<LocalDate> tradingDays = generator.days();
        final PrintWriter out = spec.commandLine().getOut();
        final long startNs = System.nanoTime();
        final TickCounts counts;
        final double writingSeconds;
        try (ProgressBars progress = parent.progress(spec))
        {
            counts = Cancellation.whileRunning(generator::cancel, () -> generator.run(progress),
                spec.commandLine().getErr(), spec.qualifiedName());
            writingSeconds = progress.lastTaskNs() / 1e9;
        }
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        out.println("Generated " + describeDays(tradingDays) + " into " + configuration.journal());
        out.printf("  %,d ticks: %,d trades, %,d quotes, %,d status changes, %d instruments%n",
            counts.total(), counts.trades(), counts.quotes(), counts.statuses(), configuration.instruments().size());
        out.println("  event times " + Formats.time(counts.firstEventTimeNs()) + " to " + Formats.time(counts.lastEventTimeNs()));
        out.printf("  %.2f s in all; generating and writing %.2f s: %.2f million ticks/s%n",
            seconds, writingSeconds, counts.total() / writingSeconds / 1e6);
        out.println("Serve it with: ticker serve --data " + out(configuration.journal()));
        out.flush();
        return 0;
    }

    private static String describeDays(final List<LocalDate> days)
    {
        return days.size() == 1 ? days.get(0) + " (1 trading day)" :
            days.get(0) + " to " + days.get(days.size() - 1) + " (" + days.size() + " trading days)";
    }

    private static Path out(final Path journal)
    {
        return journal.getParent();
    }
}
