package dev.ticker.benchmarks;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The guard the test command runs: a short JMH run of the hot paths that fails when one of them
 * starts allocating per tick, or falls below a stated ratio to its in-run baseline. Only
 * allocation counts and ratios within one run are compared: they hold on a noisy 2-core machine,
 * absolute times do not.
 */
class HotPathGuardTest
{
    /** Less than one byte per tick means no object per tick: the smallest object is 16 bytes. */
    private static final double MAX_BYTES_PER_TICK = 1.0;

    private static final Map<String, RunResult> RESULTS = new HashMap<>();

    @BeforeAll
    static void runBenchmarks() throws RunnerException
    {
        // JMH refuses to run beside another JMH run on the machine (a lock in the temp folder). The
        // guard compares ratios and allocation within its own run, which hold under such noise, so a
        // benchmark someone else is running must not fail the build.
        System.setProperty("jmh.ignoreLock", "true");
        final Collection<RunResult> results = new Runner(new OptionsBuilder()
            .include("JournalBenchmark.append$")
            .include("FrameBenchmark")
            .include("ClientDecodeBenchmark")
            .addProfiler("gc")
            .forks(1)
            .warmupIterations(2)
            .warmupTime(TimeValue.milliseconds(500))
            .measurementIterations(4)
            .measurementTime(TimeValue.seconds(1))
            .jvmArgsAppend(BenchmarkMain.jvmFlags())
            .shouldFailOnError(true)
            .build()).run();
        for (final RunResult result : results)
        {
            final String name = result.getParams().getBenchmark();
            RESULTS.put(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1), result);
        }
    }

    @Test
    void shouldAppendToTheJournalWithoutAllocatingPerTick()
    {
        assertNoAllocationPerTick("JournalBenchmark.append");
    }

    @Test
    void shouldBuildFramesWithoutAllocatingPerTickAndFasterThanTheGeneratedBuilders()
    {
        // 1.6-2x the builders on a quiet machine, down to 1.2x with the machine loaded four times
        // over and once 0.87x at a load of 17 (the two run one after the other, so load that comes
        // and goes lands on one of them); the guard catches an encoder that became much slower
        assertNoAllocationPerTick("FrameBenchmark.encoder");
        assertFasterThan("FrameBenchmark.encoder", "FrameBenchmark.generatedBuilders", 0.8);
    }

    @Test
    void shouldScanFramesOnTheClientWithoutAllocatingPerTickAndAboutAsFastAsTheGeneratedParser()
    {
        // the scanner's gain is that it allocates nothing (1.1-2x the parser's speed, depending on
        // how busy the collector is); the ratio catches a scanner that became several times slower
        assertNoAllocationPerTick("ClientDecodeBenchmark.scanner");
        assertFasterThan("ClientDecodeBenchmark.scanner", "ClientDecodeBenchmark.generatedParser", 0.8);
    }

    private static void assertNoAllocationPerTick(final String benchmark)
    {
        final double bytes = allocationPerOperation(benchmark);
        assertTrue(bytes < MAX_BYTES_PER_TICK, String.format(Locale.ROOT,
            "%s allocates %.2f bytes per tick; the hot path must allocate nothing per tick (under %.0f B)", benchmark, bytes, MAX_BYTES_PER_TICK));
    }

    /** Fails when {@code benchmark} made fewer than {@code ratio} times the ticks/s of {@code baseline} in this run. */
    private static void assertFasterThan(final String benchmark, final String baseline, final double ratio)
    {
        final double score = result(benchmark).getPrimaryResult().getScore();
        final double base = result(baseline).getPrimaryResult().getScore();
        assertTrue(score >= ratio * base, String.format(Locale.ROOT,
            "%s made %.0f ticks/s, %.2f times its baseline %s (%.0f ticks/s); the guard requires at least %.1f times",
            benchmark, score, score / base, baseline, base, ratio));
    }

    private static double allocationPerOperation(final String benchmark)
    {
        for (final Map.Entry<String, Result> secondary : result(benchmark).getSecondaryResults().entrySet())
        {
            if (secondary.getKey().endsWith("gc.alloc.rate.norm"))
            {
                return secondary.getValue().getScore();
            }
        }
        return fail("no allocation figure for " + benchmark + ": was the gc profiler run?");
    }

    private static RunResult result(final String benchmark)
    {
        final RunResult result = RESULTS.get(benchmark);
        if (null == result)
        {
            fail("no result for " + benchmark + "; results: " + RESULTS.keySet());
        }
        return result;
    }
}
