package dev.ticker.journal;

/**
 * How much of the journal to keep: whole roll cycle files (UTC days of event time) are deleted once
 * they are older than {@code retainDays} days before the journal's newest day, or while the files
 * together are larger than {@code retainBytes}. The newest file – the one being written – is never
 * deleted, whatever the settings. 0 turns a limit off; both off (the default) keeps everything.
 *
 * <table>
 *   <caption>Retention settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code retainDays}</td><td>0 (off)</td><td>days kept, counting the newest day: 1 keeps only it</td></tr>
 *   <tr><td>{@code retainBytes}</td><td>0 (off)</td><td>bytes the files may take, as the file system lists their sizes</td></tr>
 *   <tr><td>{@code checkIntervalMs}</td><td>60000</td><td>how often the retention agent looks</td></tr>
 * </table>
 */
public final class RetentionPolicy
{
    public static final long DEFAULT_CHECK_INTERVAL_MS = 60_000;

    private int retainDays;
    private long retainBytes;
    private long checkIntervalMs = DEFAULT_CHECK_INTERVAL_MS;

    public RetentionPolicy retainDays(final int retainDays)
    {
        this.retainDays = retainDays;
        return this;
    }

    public int retainDays()
    {
        return retainDays;
    }

    public RetentionPolicy retainBytes(final long retainBytes)
    {
        this.retainBytes = retainBytes;
        return this;
    }

    public long retainBytes()
    {
        return retainBytes;
    }

    public RetentionPolicy checkIntervalMs(final long checkIntervalMs)
    {
        this.checkIntervalMs = checkIntervalMs;
        return this;
    }

    public long checkIntervalMs()
    {
        return checkIntervalMs;
    }

    /** Whether any limit is set. */
    public boolean isEnabled()
    {
        return retainDays > 0 || retainBytes > 0;
    }

    /**
     * Checks every setting.
     *
     * @throws IllegalArgumentException naming the setting, its value and why it is refused.
     */
    public RetentionPolicy validate()
    {
        if (retainDays < 0)
        {
            throw new IllegalArgumentException("retainDays=" + retainDays + ": must be 0 (keep every day) or more");
        }
        if (retainBytes < 0)
        {
            throw new IllegalArgumentException("retainBytes=" + retainBytes + ": must be 0 (no size limit) or more");
        }
        if (checkIntervalMs < 1)
        {
            throw new IllegalArgumentException("checkIntervalMs=" + checkIntervalMs + ": must be at least 1");
        }
        return this;
    }
}
