package dev.ticker.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a load run's figures can be trusted, and says why not: nothing was delivered,
 * the generator could not keep up (it used nearly every core it could, or its own timer woke up
 * late), or the machine was saturated. An invalid run still writes its report, marked, and the
 * command exits non-zero.
 */
final class RunValidity
{
    /** Below this idle fraction of all CPUs the machine counts as saturated. */
    static final double SATURATED_IDLE_FRACTION = 0.05;
    /** The generator counts as unable to keep up above this share of the cores it may use. */
    static final double GENERATOR_BUSY_SHARE = 0.9;
    /** The generator counts as unable to keep up when its once-a-second timer wakes up this late. */
    static final long GENERATOR_LATE_MS = 250;

    private RunValidity()
    {
    }

    /**
     * The reasons the run is invalid; empty when it is valid.
     *
     * @param idle            the connections did not subscribe, so no delivery is expected.
     * @param generatorCores  CPU-seconds per second the generator used in the measured window.
     * @param usableCores     the cores the generator may use (its delivery threads and the selector, at most the machine's).
     * @param idleFraction    the machine's idle share over the window; negative when unknown.
     * @param latestWakeUpMs  how late the generator's once-a-second timer woke up at worst.
     */
    static List<String> reasons(
        final boolean idle,
        final int clients,
        final int connected,
        final long ticksDelivered,
        final long journalTicks,
        final double generatorCores,
        final int usableCores,
        final double idleFraction,
        final long latestWakeUpMs)
    {
        final List<String> reasons = new ArrayList<>();
        if (connected < clients)
        {
            reasons.add(String.format(Locale.ROOT, "only %,d of %,d clients stayed connected", connected, clients));
        }
        if (!idle && ticksDelivered == 0)
        {
            reasons.add(journalTicks == 0 ?
                "nothing was delivered, and the journal did not grow in the measured window: the server or its feed wrote no ticks" :
                String.format(Locale.ROOT, "nothing was delivered although the journal grew by %,d ticks", journalTicks));
        }
        if (generatorCores >= GENERATOR_BUSY_SHARE * usableCores)
        {
            reasons.add(String.format(Locale.ROOT, "the generator could not keep up: it used %.2f of the %d cores it can use " +
                "(raise --threads, or give the server fewer clients)", generatorCores, usableCores));
        }
        if (latestWakeUpMs >= GENERATOR_LATE_MS)
        {
            reasons.add(String.format(Locale.ROOT, "the generator could not keep up: its once-a-second timer woke up %,d ms late " +
                "(the generator itself was stalled: GC or no CPU)", latestWakeUpMs));
        }
        if (idleFraction >= 0 && idleFraction < SATURATED_IDLE_FRACTION)
        {
            reasons.add(String.format(Locale.ROOT, "the machine was saturated: its CPUs were %.1f %% idle in the measured window " +
                "(the figures measure the machine, not the server; pin with --server-cpus or lower the load)", 100 * idleFraction));
        }
        return reasons;
    }
}
