package dev.ticker.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

/** The options that choose a window of a recorded journal, the same for {@code ticker replay} and {@code ticker bars}. */
final class JournalWindowOptions
{
    @Option(names = "--journal", paramLabel = "DIR", defaultValue = "data",
        description = {"The recorded journal: a data folder (holding journal/, as --data of serve and simulate) " +
            "or a journal folder itself (holding queue/ and instruments.pb) (default: ${DEFAULT-VALUE})."})
    Path journal;

    @Option(names = "--from", paramLabel = "TIME|seq:N", converter = ReplayPoint.Converter.class,
        description = "Start of the window, inclusive (default: the journal's first record).")
    ReplayPoint from;

    @Option(names = "--to", paramLabel = "TIME|seq:N", converter = ReplayPoint.Converter.class,
        description = "End of the window: exclusive for a time, inclusive for a sequence (default: the journal's head as of now).")
    ReplayPoint to;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC",
        description = "Time zone of --from/--to written without offset or zone, e.g. America/New_York (default: ${DEFAULT-VALUE}).")
    ZoneId zone;

    @Option(names = "--symbols", paramLabel = "SYMBOL", split = ",",
        description = "Only these instruments, comma-separated (default: all).")
    List<String> symbols;
}
