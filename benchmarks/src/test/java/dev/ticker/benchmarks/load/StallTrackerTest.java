package dev.ticker.benchmarks.load;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StallTrackerTest
{
    private static final long MS = 1_000_000L;

    private final MeasuredWindow window = new MeasuredWindow();
    private final StallTracker stall = new StallTracker(window);
    private final SilenceTracker silence = new SilenceTracker(window);

    @Test
    void shouldFindTheLongestGapBetweenDataFramesInsideTheWindow()
    {
        window.open(1_000 * MS);
        receive(stall, 1_010, 1_020, 1_400, 1_410, 1_500);
        window.close(2_000 * MS);

        // 1,500 to the window's end (2,000) is the longest: 500 ms; the gaps between frames are 10, 380, 10, 90
        assertEquals(500 * MS, stall.longestNs());
    }

    @Test
    void shouldCountOnlyThePartOfAStallInsideTheWindow()
    {
        receive(stall, 100, 200);
        window.open(1_000 * MS);
        receive(stall, 1_300, 1_350);
        window.close(1_400 * MS);
        receive(stall, 3_000);

        // 200 to 1,300 is a stall of 1,100 ms, of which 300 ms (1,000 to 1,300) are measured; after the close nothing counts
        assertEquals(300 * MS, stall.longestNs());
    }

    @Test
    void shouldChargeAConnectionThatStoppedForTheWholeWindow()
    {
        receive(stall, 500);
        window.open(1_000 * MS);
        window.close(4_000 * MS);

        assertEquals(3_000 * MS, stall.longestNs());
    }

    @Test
    void shouldCountTheWaitForTheFirstDataFromTheWindowsStart()
    {
        window.open(1_000 * MS);
        receive(stall, 1_600, 1_700);
        window.close(2_000 * MS);

        assertEquals(600 * MS, stall.longestNs());
    }

    @Test
    void shouldChargeTheWholeWindowToAConnectionWhoseFirstDataCameAfterIt()
    {
        window.open(1_000 * MS);
        window.close(2_000 * MS);
        receive(stall, 2_500);
        receive(silence, 2_500);

        assertEquals(1_000 * MS, stall.longestNs());
        assertEquals(1_000 * MS, silence.longestNs());
    }

    @Test
    void shouldNotCountAConnectionThatNeverReceivedData()
    {
        window.open(1_000 * MS);
        window.close(4_000 * MS);

        assertEquals(StallTracker.NO_TRAFFIC, stall.longestNs());
        assertEquals(StallTracker.NO_TRAFFIC, silence.longestNs());
    }

    @Test
    void shouldFindTheLongestTimeNoConnectionReceivedAnything()
    {
        window.open(1_000 * MS);
        // two connections whose frames interleave: each has a stall of 400 ms, but together they leave at most 200 ms
        receive(silence, 1_000, 1_200, 1_400, 1_600, 1_800, 2_000);
        final StallTracker other = new StallTracker(window);
        receive(stall, 1_000, 1_400, 1_800);
        receive(other, 1_200, 1_600, 2_000);
        window.close(2_100 * MS);

        assertEquals(200 * MS, silence.longestNs());
        assertEquals(400 * MS, stall.longestNs());
        assertEquals(400 * MS, other.longestNs());
    }

    @Test
    void shouldIgnoreAFrameStampedBeforeOneAlreadySeenByAnotherThread()
    {
        window.open(1_000 * MS);
        receive(silence, 1_000, 1_500, 1_450, 1_600);
        window.close(1_600 * MS);

        assertEquals(500 * MS, silence.longestNs());
    }

    @Test
    void shouldSummariseStallsOverTheConnectionsWithTraffic()
    {
        final long[] perConnection = new long[201];
        for (int i = 0; i < 200; i++)
        {
            perConnection[i] = (i + 1) * MS; // 1..200 ms
        }
        perConnection[200] = StallTracker.NO_TRAFFIC;

        final LoadReport.Stalls stalls = LoadReport.Stalls.of(perConnection, 7 * MS);

        assertEquals(200, stalls.connectionsWithTraffic());
        assertEquals(200.0, stalls.longestMs());
        assertEquals(198.0, stalls.p99Ms(), "nearest rank: the 198th of 200");
        assertEquals(100.0, stalls.medianMs());
        assertEquals(7.0, stalls.allSilentMs());
    }

    @Test
    void shouldSummariseARunWithoutTrafficAsNoStalls()
    {
        final LoadReport.Stalls stalls = LoadReport.Stalls.of(new long[] {StallTracker.NO_TRAFFIC}, StallTracker.NO_TRAFFIC);

        assertEquals(0, stalls.connectionsWithTraffic());
        assertEquals(0.0, stalls.longestMs());
        assertEquals(-1.0, stalls.allSilentMs());
    }

    private static void receive(final StallTracker tracker, final long... millis)
    {
        for (final long ms : millis)
        {
            tracker.onData(ms * MS);
        }
    }

    private static void receive(final SilenceTracker tracker, final long... millis)
    {
        for (final long ms : millis)
        {
            tracker.onData(ms * MS);
        }
    }
}
