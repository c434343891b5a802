package dev.ticker.cli;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.JournalStaging;
import dev.ticker.journal.JournalVerifier;
import dev.ticker.journal.TickAppender;
import dev.ticker.journal.TickJournal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code ticker journal verify|repair}: a journal's health, and a way out of damage. Both read the
 * queue files byte by byte ({@link JournalVerifier}), so they work on a journal that cannot be opened.
 */
@Command(
    name = "journal",
    mixinStandardHelpOptions = true,
    description = "Checks a journal's files, or copies its intact records into a new journal.",
    subcommands = {JournalCommand.Verify.class, JournalCommand.Repair.class})
final class JournalCommand implements Runnable
{
    /** Exit code of {@code verify} when the journal is damaged (0 when intact, 1 when it cannot be read). */
    static final int EXIT_DAMAGED = 3;

    @Spec
    CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The journal folder DIR names: DIR itself when it holds a queue, else DIR/journal (a data folder). */
    static Path journalFolder(final Path dir)
    {
        final Path folder = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(folder.resolve("queue")) && Files.isDirectory(folder.resolve("journal").resolve("queue")))
        {
            return folder.resolve("journal");
        }
        return folder;
    }

    @Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Reads every file of the journal in DIR (a journal folder, or a data folder holding DIR/journal) and reports its health.",
            "The report: files, intact records and their range, and each damaged region with its file, byte offsets and",
            "the sequences it took. Exit code: 0 intact, 3 damaged, 1 not readable."})
    static final class Verify implements Callable<Integer>
    {
        @Parameters(paramLabel = "DIR", description = "The journal (or data) folder.")
        Path dir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call()
        {
            final PrintWriter out = spec.commandLine().getOut();
            final JournalVerifier.Report report = JournalVerifier.verify(journalFolder(dir));
            out.println("journal  " + report.directory());
            for (final JournalVerifier.FileSummary file : report.files())
            {
                out.println("  file     " + file.file().getFileName() + ": " + file.records() + " records" +
                    (0 == file.records() ? "" : ", sequences " + file.firstSequence() + ".." + file.lastSequence()));
            }
            out.println("  records  " + report.records() + " intact" + (0 == report.records() ? "" : ", sequences " +
                report.firstSequence() + ".." + report.lastSequence() + ", " + Instant.ofEpochSecond(0, report.firstTimeNs()) +
                " .. " + Instant.ofEpochSecond(0, report.lastTimeNs())));
            if (report.isIntact())
            {
                out.println("intact");
                out.flush();
                return 0;
            }
            out.println("  damage   " + report.damage().size() + " region" + (1 == report.damage().size() ? "" : "s"));
            for (final JournalVerifier.Damage damage : report.damage())
            {
                out.println("    " + damage);
            }
            final long lost = report.lastSequence() - report.firstSequence() + 1 - report.records();
            out.println("damaged: " + (report.records() == 0 ? "no intact records" : Math.max(0, lost) +
                " records lost between sequences " + report.firstSequence() + " and " + report.lastSequence()) +
                "; 'ticker journal repair " + dir + " --out NEW' copies the " + report.records() + " intact records into a new journal");
            out.flush();
            return EXIT_DAMAGED;
        }
    }

    @Command(
        name = "repair",
        mixinStandardHelpOptions = true,
        description = {
            "Copies every intact record of the journal in DIR, in order, into a new journal folder NEW, with the instrument catalogue.",
            "Sequences run on without a gap in the copy: records after a lost region move down by the number lost.",
            "NEW appears complete or not at all; the damaged journal is left as it was."})
    static final class Repair implements Callable<Integer>
    {
        @Parameters(paramLabel = "DIR", description = "The damaged journal (or data) folder.")
        Path dir;

        @Option(names = "--out", paramLabel = "NEW", required = true, description = "The new journal folder; must not hold records.")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call()
        {
            final PrintWriter printer = spec.commandLine().getOut();
            final Path source = journalFolder(dir);
            final JournalVerifier.Report report;
            final long written;
            try (JournalStaging staging = JournalStaging.create(out, false))
            {
                try (TickJournal copy = TickJournal.open(staging.directory()); TickAppender appender = copy.appender())
                {
                    InstrumentCatalog.load(source).save(copy.directory());
                    report = JournalVerifier.verify(source, appender::appendOrThrow);
                    written = appender.lastSequence();
                }
                staging.commit();
            }
            printer.println("repaired " + source + " into " + staging(out) + ": " + written + " intact records copied" +
                (report.isIntact() ? " (the journal was intact)" : ", " + report.damage().size() + " damaged regions left behind"));
            printer.flush();
            return 0;
        }

        private static Path staging(final Path out)
        {
            return out.toAbsolutePath().normalize();
        }
    }
}
