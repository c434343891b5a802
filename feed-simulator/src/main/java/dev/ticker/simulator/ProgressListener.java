package dev.ticker.simulator;

/**
 * Hears how far a long piece of work (a generation, an import) has come, so that a command can
 * show a progress bar with an ETA. Called on the working thread, at most every few thousand ticks.
 */
public interface ProgressListener
{
    /** Does nothing. */
    ProgressListener NONE = new ProgressListener()
    {
    };

    /** A step of the work starts; {@code total} is its size in {@code unit}s. */
    default void onStart(final String task, final long total, final String unit)
    {
    }

    /** {@code done} of the step's total are done. */
    default void onProgress(final long done)
    {
    }

    /** The step is over. */
    default void onEnd()
    {
    }
}
