package dev.ticker.journal;

import org.agrona.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The error handler of a running agent: counts every error and logs each distinct one (by type
 * and message) only the first time, so that a fault that repeats every duty cycle neither floods
 * the log nor stops the agent.
 */
public final class AgentErrorHandler implements ErrorHandler
{
    private static final int MAX_DISTINCT = 1000;

    private final Logger log;
    private final AtomicLong errors = new AtomicLong();
    private final Set<String> seen = new HashSet<>();

    public AgentErrorHandler(final String agentName)
    {
        this.log = LoggerFactory.getLogger(agentName);
    }

    @Override
    public void onError(final Throwable throwable)
    {
        final long count = errors.incrementAndGet();
        final String key = throwable.getClass().getName() + ": " + throwable.getMessage();
        final boolean first;
        synchronized (seen)
        {
            first = seen.size() < MAX_DISTINCT && seen.add(key);
        }
        if (first)
        {
            log.error("error #{} (each distinct error is logged once): {}", count, key, throwable);
        }
    }

    /** How many errors have occurred in all. */
    public long errorCount()
    {
        return errors.get();
    }
}
