package dev.ticker.fleet;

/**
 * A fleet operation refused or given up for a reason its message states (what, where, why), such
 * as a topic that holds another feed's records: the command line prints it as one line.
 */
public final class FleetException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public FleetException(final String message)
    {
        super(message);
    }
}
