package dev.ticker.simulator.importing;

import dev.ticker.simulator.TickCounts;

import java.nio.file.Path;

/**
 * What an import wrote.
 *
 * @param journal       the journal folder written.
 * @param counts        trades and quotes written, and the event times they span.
 * @param instruments   instruments in the new journal's catalogue.
 * @param outOfOrder    lines whose time was earlier than a line above them in the same file, sorted into place.
 * @param inferredUnits which unit integer times were read in where it was inferred, a line per file; empty if none was.
 * @param elapsedNs     how long the import took, reading to commit.
 */
public record ImportResult(Path journal, TickCounts counts, int instruments, long outOfOrder, String inferredUnits, long elapsedNs)
{
}
