package dev.ticker.journal;

/**
 * A journal cannot be opened, written or read as asked; the message says which journal and why.
 */
public class JournalException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public JournalException(final String message)
    {
        super(message);
    }

    public JournalException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
