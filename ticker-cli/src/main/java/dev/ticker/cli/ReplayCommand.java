package dev.ticker.cli;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.ReplayClock;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;
import dev.ticker.proto.v1.Instrument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * {@code ticker replay}: a window of a recorded journal, for analysts. Either exported as CSV, JSON
 * Lines or length-delimited Protobuf ({@code --format}), or copied into a new journal paced as if
 * live ({@code --into}), so that {@code ticker serve} streams a recorded day as its live feed. A
 * file or journal is never left half-written: exports go to {@code FILE.partial} and are renamed
 * when complete, and an unpaced copy is built in a staging folder and moved into place.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Replays a window of a journal: exports its ticks (--format) or copies them into a new journal paced as if live (--into).",
        "See docs/replay.md.",
        "",
        "TIME is ISO-8601. With an offset or a zone it is that instant:",
        "  2026-11-20T14:30:00Z   2026-11-20T09:30-05:00",
        "  '2026-11-20T09:30[America/New_York]'",
        "A local time or a date is read in --zone, UTC by default:",
        "  2026-11-20T14:30   2026-11-20",
        "An integer counts since 1970 in the one unit (s, ms, us, ns) that puts it",
        "between 1990 and 2100: 1795185000 is seconds, 1795185000000 milliseconds.",
        "seq:N is a journal sequence. --from is inclusive; --to is exclusive for a",
        "time, inclusive for a sequence.",
        ""},
    footer = {"", "Examples:",
        "  ticker replay --journal data --from 2026-11-20T14:30Z --to 2026-11-20T15:00Z \\",
        "    --symbols AAPL,MSFT --format csv --out window.csv",
        "  ticker replay --journal data --from seq:1 --to seq:100000 \\",
        "    --format proto --out ticks.pb",
        "  ticker replay --journal day --from '2026-11-20T09:30[America/New_York]' \\",
        "    --speed 60 --into live"})
final class ReplayCommand implements Callable<Integer>
{
    /** Windows of at least this many records show a progress bar (paced runs always do). */
    static final long PROGRESS_MIN_RECORDS = 100_000;

    /** Whether a copy keeps the recorded event times or stamps them as a live feed would. */
    enum EventTimes
    {
        LIVE, RECORDED;

        @Override
        public String toString()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Mixin
    JournalWindowOptions journalWindow;

    @Option(names = "--speed", paramLabel = "X",
        description = {"Pace as a multiple of recorded time, 0.01 to 100000, or 0 for as fast as possible " +
            "(default: 0 with --format, 1 with --into). Bursts stay bursts at every speed."})
    Double speed;

    @Option(names = "--format", paramLabel = "csv|json|proto|parquet", converter = TickFormat.Converter.class,
        description = {"Export the ticks: csv (with a header), json (one object per line; time_ns as a string), proto " +
            "(length-delimited ticker.v1.Tick messages) or parquet (time as TIMESTAMP_NS, prices as exact decimals)."})
    TickFormat format;

    @Option(names = "--out", paramLabel = "FILE",
        description = "Write the export to FILE (written as FILE.partial, renamed when complete) (default: standard output).")
    Path outFile;

    @Option(names = "--into", paramLabel = "DIR",
        description = {"Copy the window into a new journal in the data folder DIR (DIR/journal, with the instrument catalogue), " +
            "paced as if live, for 'ticker serve --data DIR'. DIR/journal must hold no records. " +
            "At --speed 0 the copy is staged and moved into place when complete."})
    Path into;

    @Option(names = "--event-times", paramLabel = "live|recorded",
        description = {"With --into: 'live' stamps each tick with the time the copy writes it (start + recorded offset / speed), " +
            "'recorded' keeps the recorded times (default: live when paced, recorded at --speed 0)."})
    EventTimes eventTimes;

    @Option(names = "--no-progress", description = "Never show the progress bar (it shows on stderr for long runs).")
    boolean noProgress;

    @Spec
    CommandSpec spec;

    @ParentCommand
    TickerCli parent;

    private volatile boolean stopRequested;

    /** Asks a running replay to stop at its next tick, as Ctrl-C does. */
    void requestStop()
    {
        stopRequested = true;
    }

    @Override
    public Integer call() throws IOException
    {
        checkFlags();
        final double pace = null != speed ? speed : null != into ? 1 : ReplayClock.AS_FAST_AS_POSSIBLE;
        if (!ReplayClock.isValidSpeed(pace))
        {
            throw new IllegalArgumentException("--speed " + speed + ": must be 0 (as fast as possible) or from " +
                ReplayClock.MIN_SPEED + " to " + (long)ReplayClock.MAX_SPEED + " times recorded time");
        }
        final EventTimes times = null != eventTimes ? eventTimes :
            pace == ReplayClock.AS_FAST_AS_POSSIBLE ? EventTimes.RECORDED : EventTimes.LIVE;
        if (times == EventTimes.LIVE && pace == ReplayClock.AS_FAST_AS_POSSIBLE)
        {
            throw new IllegalArgumentException("--event-times live needs a pace: at --speed 0 ticks are copied as fast " +
                "as possible, so only recorded times mean anything");
        }

        final Path journalDirectory = journalFolder(journalWindow.journal);
        final CountDownLatch finished = new CountDownLatch(1);
        final Thread onShutdown = new Thread(() ->
        {
            // Ctrl-C: stop at the next tick and let the command clean up before the JVM exits
            requestStop();
            awaitQuietly(finished);
        }, "ticker-replay-shutdown");
        Runtime.getRuntime().addShutdownHook(onShutdown);
        try (TickJournal source = TickJournal.open(journalDirectory);
            TickTailer tailer = source.tailer())
        {
            final InstrumentCatalog catalog = source.instruments();
            final boolean[] selected = selectSymbols(catalog, journalWindow.symbols);
            final ReplayWindow window = ReplayWindow.resolve(tailer, journalWindow.from, journalWindow.to, journalWindow.zone);
            final WindowReplayer replayer = new WindowReplayer(tailer, window, selected, pace);
            final long startNs = System.nanoTime();
            if (null != into)
            {
                try (ProgressBars progress = progressBar(window, pace))
                {
                    report(JournalCopy.copy(journalDirectory, into, catalog, window, replayer, pace, times == EventTimes.LIVE,
                        stepper(progress), () -> stopRequested));
                }
            }
            else
            {
                export(catalog, window, replayer, pace, startNs);
            }
            return 0;
        }
        finally
        {
            finished.countDown();
            removeShutdownHook(onShutdown);
        }
    }

    private void checkFlags()
    {
        if ((null == format) == (null == into))
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "Either --format (export the ticks) or --into (copy them into a new journal) is needed, not both");
        }
        if (null != outFile && null != into)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out is for --format; --into names the new journal's data folder");
        }
        if (null != eventTimes && null == into)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--event-times is for --into");
        }
    }

    private void export(
        final InstrumentCatalog catalog,
        final ReplayWindow window,
        final WindowReplayer replayer,
        final double pace,
        final long startNs) throws IOException
    {
        long written;
        boolean complete;
        final Path target;
        try (ExportOutput output = ExportOutput.open(outFile))
        {
            target = output.target();
            try (TickSink sink = format.open(output.stream(), catalog); ProgressBars progress = progressBar(window, pace))
            {
                written = replayer.run(sink, stepper(progress), () -> stopRequested);
            }
            complete = written >= 0;
            if (complete)
            {
                output.complete();
            }
        }
        report((complete ? "wrote " : "stopped after ") + count(written) + " ticks (" + window + ") to " +
            (null == target ? "standard output" : target + (complete ? "" : "; nothing was kept")) + " in " + seconds(startNs));
    }

    /**
     * By instrument id, the instruments of --symbols; null for all. Shared by the commands that
     * take --symbols, so an unknown symbol gets the same answer from each.
     */
    static boolean[] selectSymbols(final InstrumentCatalog catalog, final List<String> symbols)
    {
        if (null == symbols || symbols.isEmpty())
        {
            return null;
        }
        final boolean[] selected = new boolean[catalog.size()];
        final List<String> unknown = new ArrayList<>();
        for (final String symbol : symbols)
        {
            final Instrument instrument = catalog.bySymbol(symbol.strip());
            if (null == instrument)
            {
                unknown.add(symbol.strip());
            }
            else
            {
                selected[instrument.getId()] = true;
            }
        }
        if (!unknown.isEmpty())
        {
            final List<String> known = catalog.instruments().stream().map(Instrument::getSymbol).limit(20).toList();
            throw new IllegalArgumentException("--symbols: unknown symbol" + (unknown.size() > 1 ? "s " : " ") +
                String.join(",", unknown) + "; the journal knows " + (known.isEmpty() ? "none" : String.join(",", known) +
                (catalog.size() > known.size() ? " and " + (catalog.size() - known.size()) + " more" : "")));
        }
        return selected;
    }

    /** The journal folder that {@code dir} names: a data folder holding journal/, or a journal folder. */
    static Path journalFolder(final Path dir)
    {
        final Path folder = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(folder.resolve("queue")))
        {
            return folder;
        }
        if (Files.isDirectory(folder.resolve("journal").resolve("queue")))
        {
            return folder.resolve("journal");
        }
        throw new IllegalArgumentException("--journal " + dir + ": no journal there (expected a data folder holding " +
            "journal/queue/, or a journal folder holding queue/)");
    }

    /** The progress of a long or paced window, in the style of every command; null when none is shown. */
    private ProgressBars progressBar(final ReplayWindow window, final double pace)
    {
        if (noProgress || (window.records() < PROGRESS_MIN_RECORDS && pace == ReplayClock.AS_FAST_AS_POSSIBLE))
        {
            return null;
        }
        final ProgressBars progress = parent.progress(spec);
        progress.onStart("Replaying", window.records(), "records");
        return progress;
    }

    private static LongConsumer stepper(final ProgressBars progress)
    {
        return null == progress ? scanned -> { } : progress::onProgress;
    }

    private void report(final String line)
    {
        final PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": " + line);
        err.flush();
    }

    static String count(final long written)
    {
        return Long.toString(written < 0 ? -1 - written : written);
    }

    static String seconds(final long startNs)
    {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNs) / 1e9);
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            latch.await(30, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeShutdownHook(final Thread hook)
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException ex)
        {
            // the JVM is shutting down: the hook is running or has run
        }
    }
}
