package dev.ticker.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where Ticker keeps its data: the journal lives in {@code DIR/journal}. */
final class DataOptions
{
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
        description = "Data folder; the journal is kept in DIR/journal (default: ${DEFAULT-VALUE}).")
    Path data;

    Path journalDirectory()
    {
        return journalDirectory(data);
    }

    /** The journal folder of the data folder {@code data}. */
    static Path journalDirectory(final Path data)
    {
        return data.resolve("journal").toAbsolutePath().normalize();
    }
}
