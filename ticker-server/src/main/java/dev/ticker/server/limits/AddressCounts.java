package dev.ticker.server.limits;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A count per remote IP address with a ceiling, for the bounds that one address must not take all
 * of. Safe for many IO threads at once; an address whose count falls to zero is removed, so the
 * table holds only the addresses that hold something now.
 */
final class AddressCounts
{
    private final int maxPerAddress;
    private final ConcurrentHashMap<InetAddress, Integer> counts = new ConcurrentHashMap<>();

    AddressCounts(final int maxPerAddress)
    {
        this.maxPerAddress = maxPerAddress;
    }

    /** Counts one more for {@code address}, unless it already holds the ceiling: then nothing is counted. */
    boolean tryIncrement(final InetAddress address)
    {
        if (counts.merge(address, 1, Integer::sum) > maxPerAddress)
        {
            decrement(address);
            return false;
        }
        return true;
    }

    /** Counts one more for {@code address} even past the ceiling (which then turns away the next {@link #tryIncrement}). */
    void increment(final InetAddress address)
    {
        counts.merge(address, 1, Integer::sum);
    }

    /** Gives back one that {@link #tryIncrement} or {@link #increment} counted. */
    void decrement(final InetAddress address)
    {
        counts.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
    }

    int count(final InetAddress address)
    {
        return counts.getOrDefault(address, 0);
    }

    int maxPerAddress()
    {
        return maxPerAddress;
    }
}
