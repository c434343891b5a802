package dev.ticker.journal;

/**
 * The clock of a replay: maps recorded event time to wall-clock time at a speed, through pauses,
 * speed changes and seeks, so that records are released when they are due and bursts stay bursts
 * at every speed. Pure: every call is given the wall-clock time (any monotonic nanosecond clock),
 * so pacing is testable without waiting. Not thread-safe.
 *
 * <p>At speed {@code s}, a record whose event time is {@code d} nanoseconds after the replay's
 * anchor is due {@code d / s} nanoseconds of wall time after the anchor was set. Speed
 * {@link #AS_FAST_AS_POSSIBLE} makes every record due at once.
 */
public final class ReplayClock
{
    /** Speed 0: no pacing, every record is due at once. */
    public static final double AS_FAST_AS_POSSIBLE = 0;
    public static final double MIN_SPEED = 0.01;
    public static final double MAX_SPEED = 100_000;

    private double speed;
    private boolean paused;
    /** The recorded time and the wall time that correspond to each other. */
    private long anchorRecordedNs;
    private long anchorWallNs;
    /** The event time of the last record released, the position when not pacing. */
    private long lastReleasedNs;

    /**
     * @param recordedStartNs the event time the replay starts at.
     * @param speed           a multiple of recorded time, or {@link #AS_FAST_AS_POSSIBLE}.
     * @param wallNowNs       the wall clock now.
     */
    public ReplayClock(final long recordedStartNs, final double speed, final long wallNowNs)
    {
        checkSpeed(speed);
        this.speed = speed;
        this.anchorRecordedNs = recordedStartNs;
        this.anchorWallNs = wallNowNs;
        this.lastReleasedNs = recordedStartNs;
    }

    /** Whether {@code speed} is {@link #AS_FAST_AS_POSSIBLE} or within [{@link #MIN_SPEED}, {@link #MAX_SPEED}]. */
    public static boolean isValidSpeed(final double speed)
    {
        return speed == AS_FAST_AS_POSSIBLE || (speed >= MIN_SPEED && speed <= MAX_SPEED);
    }

    public double speed()
    {
        return speed;
    }

    public boolean isPaused()
    {
        return paused;
    }

    /**
     * The replay's position in recorded time: how far the recording has played by {@code wallNowNs};
     * when not pacing, the event time of the last record released.
     */
    public long recordedNow(final long wallNowNs)
    {
        if (paused)
        {
            return anchorRecordedNs;
        }
        if (speed == AS_FAST_AS_POSSIBLE)
        {
            return lastReleasedNs;
        }
        return anchorRecordedNs + (long)((wallNowNs - anchorWallNs) * speed);
    }

    /** Tells the clock a record was released, so that it knows the position when not pacing. */
    public void onReleased(final long recordedNs)
    {
        if (recordedNs > lastReleasedNs)
        {
            lastReleasedNs = recordedNs;
        }
    }

    /** Whether a record with event time {@code recordedNs} is due at {@code wallNowNs}. */
    public boolean isDue(final long recordedNs, final long wallNowNs)
    {
        if (paused)
        {
            return false;
        }
        return speed == AS_FAST_AS_POSSIBLE || recordedNs <= recordedNow(wallNowNs);
    }

    /**
     * The wall time at which a record with event time {@code recordedNs} is due; {@link Long#MAX_VALUE}
     * while paused, and the anchor's wall time for every record when not pacing.
     */
    public long dueAt(final long recordedNs)
    {
        if (paused)
        {
            return Long.MAX_VALUE;
        }
        if (speed == AS_FAST_AS_POSSIBLE || recordedNs <= anchorRecordedNs)
        {
            return anchorWallNs;
        }
        return anchorWallNs + (long)Math.ceil((recordedNs - anchorRecordedNs) / speed);
    }

    /** Freezes the replay at its position now. */
    public void pause(final long wallNowNs)
    {
        if (!paused)
        {
            reanchor(wallNowNs);
            paused = true;
        }
    }

    /** Plays on from where it was paused. */
    public void resume(final long wallNowNs)
    {
        if (paused)
        {
            paused = false;
            anchorWallNs = wallNowNs;
        }
    }

    /** Changes the speed from now on, keeping the position. */
    public void speed(final double newSpeed, final long wallNowNs)
    {
        checkSpeed(newSpeed);
        reanchor(wallNowNs);
        speed = newSpeed;
    }

    /** Moves the position to {@code recordedNs}; a paused replay stays paused. */
    public void seek(final long recordedNs, final long wallNowNs)
    {
        anchorRecordedNs = recordedNs;
        anchorWallNs = wallNowNs;
        lastReleasedNs = recordedNs;
    }

    private void reanchor(final long wallNowNs)
    {
        anchorRecordedNs = recordedNow(wallNowNs);
        anchorWallNs = wallNowNs;
    }

    private static void checkSpeed(final double speed)
    {
        if (!isValidSpeed(speed))
        {
            throw new IllegalArgumentException("speed=" + speed + ": must be " + MIN_SPEED + " to " + MAX_SPEED +
                " times recorded time, or 0 for as fast as possible");
        }
    }
}
