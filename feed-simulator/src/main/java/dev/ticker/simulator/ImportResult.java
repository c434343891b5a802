package dev.ticker.simulator;

import java.nio.file.Path;

/**
 * What an import wrote.
 *
 * @param journal     the journal folder written.
 * @param counts      trades and quotes written, and the event times they span.
 * @param instruments instruments in the new journal's catalogue.
 * @param outOfOrder  lines whose time was earlier than a line above them in the same file, sorted into place.
 */
public record ImportResult(Path journal, TickCounts counts, int instruments, long outOfOrder)
{
}
