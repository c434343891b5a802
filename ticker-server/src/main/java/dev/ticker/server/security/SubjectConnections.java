package dev.ticker.server.security;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the open connections of each subject, for the {@code max_connections} entitlement: a
 * licence for one screen is not a licence for fifty. Shared by every IO thread.
 */
public final class SubjectConnections
{
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    /**
     * Counts one more connection of the subject unless it has {@code max} open already.
     *
     * @param max the subject's limit; 0 for none.
     * @return whether the connection may open (and was counted).
     */
    public boolean tryAcquire(final String subject, final int max)
    {
        final boolean[] taken = new boolean[1];
        open.compute(subject, (name, count) ->
        {
            final int now = null == count ? 0 : count;
            if (max > 0 && now >= max)
            {
                return null == count ? null : count;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    /** The subject's connection has closed. */
    public void release(final String subject)
    {
        open.computeIfPresent(subject, (name, count) -> count <= 1 ? null : count - 1);
    }

    /** The subject's open connections. */
    public int count(final String subject)
    {
        return open.getOrDefault(subject, 0);
    }
}
