package dev.ticker.cli;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickJournal;
import dev.ticker.journal.TickTailer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Five million rows (about 500 MB as objects, twice the heap) import through the real CLI in a JVM
 * of 256 MB heap: the sort goes through chunks on disk and leaves none behind.
 */
class LargeImportTest
{
    private static final int ROWS = 5_000_000;
    private static final int BLOCK = 1_000;
    private static final long START_MS = 1_795_185_000_000L;
    private static final long DEADLINE_SECONDS = 110;

    @TempDir
    Path dir;

    @Test
    void shouldImportFiveMillionRowsOutOfOrderUnderA256MegabyteHeap() throws IOException, InterruptedException
    {
        final Path trades = dir.resolve("trades.csv");
        writeTrades(trades);
        final Path data = dir.resolve("data");
        final CliProcess.Result result = CliProcess.run(dir, DEADLINE_SECONDS, List.of("-Xmx256m"),
            "import", "--trades", trades.toString(), "--time-unit", "ms", "--out", data.toString());
        final String output = result.output();
        assertEquals(0, result.exitCode(), output);
        assertTrue(output.contains("  5,000,000 trades and 0 quotes of 1 instruments"), output);
        assertTrue(output.contains("  4,999,000 lines out of time order, sorted into place"), output);
        assertTrue(output.matches("(?s).*  5,000,000 rows in .*: [0-9,]+ rows/s.*"), output);
        try (Stream<Path> entries = Files.list(data))
        {
            assertEquals(List.of("journal"), entries.map(path -> path.getFileName().toString()).toList(), "no spilled chunks left");
        }

        try (TickJournal journal = TickJournal.open(data.resolve("journal")); TickTailer tailer = journal.tailer())
        {
            final Tick tick = new Tick();
            long previousNs = Long.MIN_VALUE;
            long count = 0;
            long sizeInFileOrder = 0;
            while (tailer.readNext(tick))
            {
                assertTrue(tick.eventTimeNs >= previousNs, "time order at record " + (count + 1));
                // equal times keep file order: sizes run 100, 200, ... within a millisecond
                sizeInFileOrder = tick.eventTimeNs == previousNs ? sizeInFileOrder + 100 : 100;
                assertEquals(sizeInFileOrder, tick.size, "file order of equal times at record " + (count + 1));
                previousNs = tick.eventTimeNs;
                count++;
            }
            assertEquals(ROWS, count);
        }
    }

    /** Blocks of a thousand rows, the blocks in falling time order, two rows per millisecond inside a block. */
    private static void writeTrades(final Path trades) throws IOException
    {
        try (BufferedWriter out = Files.newBufferedWriter(trades))
        {
            out.write("time,symbol,price,size\n");
            final int blocks = ROWS / BLOCK;
            for (int block = blocks - 1; block >= 0; block--)
            {
                for (int i = 0; i < BLOCK; i++)
                {
                    final long ms = START_MS + (long)block * BLOCK / 2 + i / 2;
                    out.write(Long.toString(ms));
                    out.write(i % 2 == 0 ? ",AAPL,228.45,100\n" : ",AAPL,228.46,200\n");
                }
            }
        }
    }
}
