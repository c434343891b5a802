package dev.ticker.benchmarks.load.server;

import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JfrSummaryTest
{
    private static final long WORK_NS = 500_000_000L;

    @TempDir
    Path dir;

    private final List<byte[]> retained = new ArrayList<>();

    @Test
    void shouldSummariseCollectionsHotMethodsAndAllocationSitesOfARecording() throws IOException
    {
        final Path file = dir.resolve("test.jfr");
        long sink;
        final Instant from;
        try (Recording recording = new Recording())
        {
            recording.enable("jdk.GarbageCollection");
            recording.enable("jdk.GCHeapSummary");
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.enable("jdk.ObjectAllocationSample").with("throttle", "1000/s");
            recording.start();
            // events of the recording's own start are left out of the summary, as a window's are
            from = Instant.now();
            sink = spin();
            allocate();
            System.gc();
            System.gc();
            recording.stop();
            recording.dump(file);
        }

        final JfrSummary summary = JfrSummary.read(file, from, 1, 1);

        assertTrue(summary.collections() >= 2, "two System.gc() at least: " + summary);
        assertTrue(summary.longestPauseMs() > 0, summary.toString());
        assertTrue(summary.totalPauseMs() >= summary.longestPauseMs(), summary.toString());
        assertTrue(!summary.collectors().isEmpty(), summary.toString());
        assertTrue(summary.maxHeapUsedBytes() >= summary.maxHeapUsedAfterGcBytes() && summary.maxHeapUsedAfterGcBytes() > 0, summary.toString());
        assertTrue(summary.executionSamples() > 0, summary.toString());
        assertEquals(1, summary.hotMethods().size(), "only the hottest, as asked: " + summary);
        assertEquals(JfrSummaryTest.class.getName() + ".spin", summary.hotMethods().get(0).name(), "the hottest method (" + sink + ")");
        assertTrue(summary.hotMethods().get(0).percent() > 0 && summary.hotMethods().get(0).percent() <= 100, summary.toString());
        assertEquals(1, summary.allocationSites().size(), "only the largest, as asked: " + summary);
        final String site = summary.allocationSites().get(0).name();
        assertTrue(site.startsWith(JfrSummaryTest.class.getName() + ".allocate:") && site.endsWith(" allocating byte[]"), site);
        assertTrue(summary.profileText().contains(JfrSummaryTest.class.getName() + ".spin"), summary.profileText());
    }

    @Test
    void shouldNameArrayClassesAsJavaWritesThem()
    {
        assertEquals("byte[]", JfrSummary.javaName("[B"));
        assertEquals("java.lang.String[][]", JfrSummary.javaName("[[Ljava.lang.String;"));
        assertEquals("dev.ticker.Tick", JfrSummary.javaName("dev.ticker.Tick"));
    }

    /** Pure arithmetic on this thread for half a second: the top frame of every sample taken meanwhile. */
    private static long spin()
    {
        final long end = System.nanoTime() + WORK_NS;
        long x = 1;
        while (System.nanoTime() - end < 0)
        {
            for (int i = 0; i < 100_000; i++)
            {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
        }
        return x;
    }

    /** 64 MB in 4 KB arrays, the last of them kept so that the collections have something to copy. */
    private void allocate()
    {
        for (int i = 0; i < 16_384; i++)
        {
            final byte[] array = new byte[4096];
            array[i % 4096] = (byte)i;
            if (retained.size() < 1024)
            {
                retained.add(array);
            }
            else
            {
                retained.set(i % 1024, array);
            }
        }
    }
}
