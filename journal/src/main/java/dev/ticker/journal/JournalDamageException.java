package dev.ticker.journal;

/**
 * A reader met damage in the journal: a record whose checksum or length is wrong, or a break in the
 * sequence. The message names the queue file, the byte offset and the sequences affected. The reader
 * has stepped past the damage: its next read returns the next intact record, so the intact parts
 * stay readable by a reader that chooses to go on, while a reader that must not skip data fails.
 */
public final class JournalDamageException extends JournalException
{
    private static final long serialVersionUID = 1L;

    private final long firstMissingSequence;
    private final long lastMissingSequence;

    JournalDamageException(final String message, final long firstMissingSequence, final long lastMissingSequence)
    {
        super(message);
        this.firstMissingSequence = firstMissingSequence;
        this.lastMissingSequence = lastMissingSequence;
    }

    JournalDamageException(final String message, final long firstMissingSequence, final long lastMissingSequence,
        final Throwable cause)
    {
        super(message, cause);
        this.firstMissingSequence = firstMissingSequence;
        this.lastMissingSequence = lastMissingSequence;
    }

    /** The first sequence the damage took, or {@link TickDescriptor#NO_SEQUENCE} when not known. */
    public long firstMissingSequence()
    {
        return firstMissingSequence;
    }

    /** The last sequence the damage took, or {@link TickDescriptor#NO_SEQUENCE} when not known yet. */
    public long lastMissingSequence()
    {
        return lastMissingSequence;
    }
}
