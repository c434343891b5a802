package dev.ticker.journal;

/**
 * The settings of a journal's writer, in one place: name, default and validation. Readers need none.
 *
 * <table>
 *   <caption>Journal settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code minFreeDiskBytes}</td><td>64 MiB</td><td>the writer appends nothing (and says why)
 *       while the journal's file system has less than this free; it resumes by itself once there is</td></tr>
 *   <tr><td>{@code preallocationBytes}</td><td>4 MiB</td><td>how far ahead of the write position the
 *       writer allocates file blocks, so that a mapped write never meets a full disk</td></tr>
 * </table>
 */
public final class JournalConfiguration
{
    public static final long DEFAULT_MIN_FREE_DISK_BYTES = 64L << 20;
    public static final long DEFAULT_PREALLOCATION_BYTES = 4L << 20;
    /** Below this the headroom the writer keeps allocated would not fit. */
    public static final long MIN_PREALLOCATION_BYTES = 2 * DiskReserve.HEADROOM_BYTES;

    private long minFreeDiskBytes = DEFAULT_MIN_FREE_DISK_BYTES;
    private long preallocationBytes = DEFAULT_PREALLOCATION_BYTES;

    public JournalConfiguration minFreeDiskBytes(final long minFreeDiskBytes)
    {
        this.minFreeDiskBytes = minFreeDiskBytes;
        return this;
    }

    public long minFreeDiskBytes()
    {
        return minFreeDiskBytes;
    }

    public JournalConfiguration preallocationBytes(final long preallocationBytes)
    {
        this.preallocationBytes = preallocationBytes;
        return this;
    }

    public long preallocationBytes()
    {
        return preallocationBytes;
    }

    /**
     * Checks every setting.
     *
     * @throws IllegalArgumentException naming the setting, its value and why it is refused.
     */
    public JournalConfiguration validate()
    {
        if (preallocationBytes < MIN_PREALLOCATION_BYTES)
        {
            throw new IllegalArgumentException("preallocationBytes=" + preallocationBytes + ": must be at least " +
                MIN_PREALLOCATION_BYTES + " (twice the headroom kept allocated ahead of the writer)");
        }
        if (minFreeDiskBytes < preallocationBytes)
        {
            throw new IllegalArgumentException("minFreeDiskBytes=" + minFreeDiskBytes + ": must be at least " +
                "preallocationBytes=" + preallocationBytes + ", so that a new roll cycle file can start without a reservation");
        }
        return this;
    }
}
