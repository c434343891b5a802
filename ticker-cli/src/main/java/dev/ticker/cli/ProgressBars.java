package dev.ticker.cli;

import dev.ticker.simulator.ProgressListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.text.DecimalFormat;
import java.util.Locale;

/**
 * Shows the progress of long work on standard error, one style for every command (import,
 * generate, replay): on a terminal a bar redrawn in place with the rate (a whole number per
 * second) and an ETA; when standard error is a file or a pipe (a log, a CI run), a plain line every
 * few seconds and one at the end, with no escape codes.
 */
final class ProgressBars implements ProgressListener, AutoCloseable
{
    private static final long LOG_INTERVAL_NS = 3_000_000_000L;
    private static final int TERMINAL_INTERVAL_MS = 200;

    private final PrintWriter err;
    private final PrintStream terminal;
    private ProgressBar bar;
    private String task;
    private String unit;
    private long total;
    private long done;
    private long taskStartNs;
    private long lastLineNs;
    private long lastTaskNs;
    private boolean running;

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
        this.task = task;
        this.unit = unit;
        this.total = Math.max(total, 1);
        this.done = 0;
        taskStartNs = System.nanoTime();
        lastLineNs = taskStartNs;
        running = true;
        if (null != terminal)
        {
            bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(this.total)
                .setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.UNICODE_BLOCK)
                .showSpeed(new DecimalFormat("#,##0"))
                .setUpdateIntervalMillis(TERMINAL_INTERVAL_MS)
                .setConsumer(new ConsoleProgressBarConsumer(terminal))
                .build();
        }
    }

    @Override
    public void onProgress(final long done)
    {
        if (!running)
        {
            return;
        }
        this.done = Math.min(done, total);
        if (null != bar)
        {
            bar.stepTo(this.done);
            return;
        }
        final long now = System.nanoTime();
        if (now - lastLineNs >= LOG_INTERVAL_NS)
        {
            lastLineNs = now;
            line(now);
        }
    }

    @Override
    public void onEnd()
    {
        if (!running)
        {
            return;
        }
        running = false;
        final long now = System.nanoTime();
        lastTaskNs = now - taskStartNs;
        if (null != bar)
        {
            bar.close();
            bar = null;
        }
        else
        {
            line(now);
        }
    }

    /** "Reading trades.csv: 1,234,567 of 9,876,543 B (12 %), 2,345,678 B/s, 3 s". */
    private void line(final long now)
    {
        final double seconds = Math.max(1e-9, (now - taskStartNs) / 1e9);
        err.println(String.format(Locale.ROOT, "%s: %,d of %,d %s (%d %%), %,d %s/s, %s",
            task, done, total, unit, 100 * done / total, Math.round(done / seconds), unit, Formats.duration(now - taskStartNs)));
        err.flush();
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
