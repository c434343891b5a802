package dev.ticker.simulator;

/** An instrument file is unreadable or has a bad line; the message names file, line, field and reason. */
public final class InstrumentFileException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public InstrumentFileException(final String message)
    {
        super(message);
    }

    public InstrumentFileException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
