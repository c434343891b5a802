package dev.ticker.cli;

import dev.ticker.simulator.ProgressListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * Shows the progress of long work on standard error: a bar redrawn in place with the elapsed time
 * and an ETA on a terminal, or a progress line every few seconds when standard error is a file or
 * a pipe (a log, a CI run).
 */
final class ProgressBars implements ProgressListener, AutoCloseable
{
    private static final int LOG_INTERVAL_MS = 3_000;
    private static final int TERMINAL_INTERVAL_MS = 200;
    private static final int LOG_WIDTH = 100;

    private final PrintWriter err;
    private final PrintStream terminal;
    private ProgressBar bar;
    private long taskStartNs;
    private long lastTaskNs;

    /**
     * @param terminal standard error when it is a terminal, else null.
     */
    ProgressBars(final PrintWriter err, final PrintStream terminal)
    {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void onStart(final String task, final long total, final String unit)
    {
        onEnd();
        taskStartNs = System.nanoTime();
        final ProgressBarConsumer consumer = null != terminal ?
            new ConsoleProgressBarConsumer(terminal) :
            new DelegatingProgressBarConsumer(line ->
            {
                err.println(line);
                err.flush();
            }, LOG_WIDTH);
        bar = new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(Math.max(total, 1))
            .setUnit(" " + unit, 1)
            .setStyle(null != terminal ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(null != terminal ? TERMINAL_INTERVAL_MS : LOG_INTERVAL_MS)
            .setConsumer(consumer)
            .build();
    }

    @Override
    public void onProgress(final long done)
    {
        if (null != bar)
        {
            bar.stepTo(Math.min(done, bar.getMax()));
        }
    }

    @Override
    public void onEnd()
    {
        if (null != bar)
        {
            bar.close();
            bar = null;
            lastTaskNs = System.nanoTime() - taskStartNs;
        }
    }

    /** How long the last finished step took, from its start to its end. */
    long lastTaskNs()
    {
        return lastTaskNs;
    }

    @Override
    public void close()
    {
        onEnd();
    }
}
