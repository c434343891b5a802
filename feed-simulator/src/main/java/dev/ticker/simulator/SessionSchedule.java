package dev.ticker.simulator;

import dev.ticker.proto.v1.Instrument;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * When each instrument trades: a list of sessions ({@code [open, close)} in epoch nanoseconds) per
 * instrument, and the period over which the {@link IntradayCurve} runs in each. Historical sessions
 * follow the instrument's hours in its exchange time zone on weekdays; a continuous live schedule
 * keeps every instrument open from the start, with the curve repeating so that a demo at any hour
 * sees opens and closes; a venue live schedule follows each venue's {@link VenueHours} from the
 * start on (its weekdays, its lunch break). Immutable.
 */
public final class SessionSchedule
{
    private final long[][] opensNs;
    private final long[][] closesNs;
    private final long[] curvePeriodNs;
    private final List<LocalDate> days;
    private final long startNs;
    /** Where the curve of each instrument's first session starts: its open, or earlier for a session in progress at the start. */
    private final long[] firstCurveOriginNs;

    private SessionSchedule(final long[][] opensNs, final long[][] closesNs, final long[] curvePeriodNs, final List<LocalDate> days)
    {
        this(opensNs, closesNs, curvePeriodNs, days, Long.MIN_VALUE, null);
    }

    private SessionSchedule(
        final long[][] opensNs, final long[][] closesNs, final long[] curvePeriodNs, final List<LocalDate> days, final long startNs,
        final long[] firstCurveOriginNs)
    {
        this.opensNs = opensNs;
        this.closesNs = closesNs;
        this.curvePeriodNs = curvePeriodNs;
        this.days = days;
        this.startNs = startNs;
        this.firstCurveOriginNs = firstCurveOriginNs;
    }

    /**
     * The sessions of {@code days} weekdays from {@code first} on (a Saturday or Sunday start moves
     * to the Monday), each instrument at its own hours in its own time zone. Holidays are not known.
     */
    public static SessionSchedule historical(final List<SimulatedInstrument> instruments, final LocalDate first, final int days)
    {
        if (days < 1)
        {
            throw new IllegalArgumentException("days=" + days + ": must be at least 1");
        }
        final List<LocalDate> dates = tradingDays(first, days);
        final int n = instruments.size();
        final long[][] opens = new long[n][days];
        final long[][] closes = new long[n][days];
        for (int i = 0; i < n; i++)
        {
            final Instrument instrument = instruments.get(i).instrument();
            final ZoneId zone = ZoneId.of(instrument.getTimeZone());
            for (int d = 0; d < days; d++)
            {
                opens[i][d] = epochNs(dates.get(d), instrument.getSessionOpenMinute(), zone);
                closes[i][d] = epochNs(dates.get(d), instrument.getSessionCloseMinute(), zone);
            }
        }
        return new SessionSchedule(opens, closes, new long[n], List.copyOf(dates));
    }

    /** Every instrument open from {@code startNs} on, the intraday curve repeating every {@code curvePeriodNs}. */
    public static SessionSchedule continuous(final int instruments, final long startNs, final long curvePeriodNs)
    {
        if (curvePeriodNs < TimeUnit.SECONDS.toNanos(1))
        {
            throw new IllegalArgumentException("curvePeriodNs=" + curvePeriodNs + ": must be at least a second");
        }
        final long[][] opens = new long[instruments][1];
        final long[][] closes = new long[instruments][1];
        final long[] periods = new long[instruments];
        for (int i = 0; i < instruments; i++)
        {
            opens[i][0] = startNs;
            closes[i][0] = Long.MAX_VALUE;
            periods[i] = curvePeriodNs;
        }
        return new SessionSchedule(opens, closes, periods, List.of(), startNs, null);
    }

    /**
     * Each instrument in session only within its venue's hours, from {@code startNs} (a session in
     * progress then starts then, its curve where the venue opened) for {@code days} days. A 24-hour
     * venue's days join into one session whose intraday curve repeats daily from local midnight;
     * other sessions run the curve over themselves.
     */
    public static SessionSchedule venue(final List<SimulatedInstrument> instruments, final long startNs, final int days)
    {
        if (days < 7)
        {
            throw new IllegalArgumentException("days=" + days + ": must be at least a week, so that every venue opens");
        }
        final int n = instruments.size();
        final long[][] opens = new long[n][];
        final long[][] closes = new long[n][];
        final long[] periods = new long[n];
        final long[] origins = new long[n];
        for (int i = 0; i < n; i++)
        {
            final VenueHours hours = instruments.get(i).hours();
            final long[] sessions = hours.sessions(startNs, startNs + TimeUnit.DAYS.toNanos(days));
            opens[i] = new long[sessions.length / 2];
            closes[i] = new long[sessions.length / 2];
            for (int k = 0; k < sessions.length / 2; k++)
            {
                opens[i][k] = sessions[2 * k];
                closes[i][k] = sessions[2 * k + 1];
            }
            final boolean aroundTheClock = hours.closeMinute() - hours.openMinute() == 24 * 60;
            periods[i] = aroundTheClock ? TimeUnit.DAYS.toNanos(1) : 0;
            origins[i] = opens[i][0];
            if (opens[i][0] == startNs && aroundTheClock)
            {
                origins[i] = TimeUnit.SECONDS.toNanos(Instant.ofEpochSecond(Math.floorDiv(startNs, 1_000_000_000L))
                    .atZone(hours.zone()).truncatedTo(ChronoUnit.DAYS).toEpochSecond());
            }
            else if (opens[i][0] == startNs)
            {
                // the session in progress began less than a day before
                final long[] before = hours.sessions(startNs - TimeUnit.DAYS.toNanos(1), startNs + 1);
                origins[i] = before[before.length - 2];
            }
        }
        return new SessionSchedule(opens, closes, periods, List.of(), startNs, origins);
    }

    /** The first {@code count} weekdays on or after {@code first}. */
    public static List<LocalDate> tradingDays(final LocalDate first, final int count)
    {
        final List<LocalDate> dates = new ArrayList<>(count);
        LocalDate date = first;
        while (dates.size() < count)
        {
            if (date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY)
            {
                dates.add(date);
            }
            date = date.plusDays(1);
        }
        return dates;
    }

    private static long epochNs(final LocalDate date, final int minuteOfDay, final ZoneId zone)
    {
        final ZonedDateTime time = minuteOfDay >= 24 * 60 ?
            date.plusDays(1).atStartOfDay(zone) :
            ZonedDateTime.of(date, LocalTime.of(minuteOfDay / 60, minuteOfDay % 60), zone);
        return TimeUnit.SECONDS.toNanos(time.toEpochSecond());
    }

    public int instrumentCount()
    {
        return opensNs.length;
    }

    public int sessionCount(final int instrument)
    {
        return opensNs[instrument].length;
    }

    public long openNs(final int instrument, final int session)
    {
        return opensNs[instrument][session];
    }

    public long closeNs(final int instrument, final int session)
    {
        return closesNs[instrument][session];
    }

    /** The period of the intraday curve: the session itself (from its curve's origin) unless set. */
    public long curvePeriodNs(final int instrument, final int session)
    {
        final long period = curvePeriodNs[instrument];
        return period > 0 ? period : closesNs[instrument][session] - curveOriginNs(instrument, session);
    }

    /** Where the intraday curve of a session starts: its open, or for a session in progress at a live start, the venue's open. */
    public long curveOriginNs(final int instrument, final int session)
    {
        return session == 0 && null != firstCurveOriginNs ? firstCurveOriginNs[instrument] : opensNs[instrument][session];
    }

    /** The trading days of a historical schedule, in order; empty for a live one. */
    public List<LocalDate> days()
    {
        return days;
    }

    /** When a live schedule starts; Long.MIN_VALUE for a historical one. */
    public long startNs()
    {
        return startNs;
    }

    /** The earliest open of any instrument. */
    public long firstOpenNs()
    {
        long first = Long.MAX_VALUE;
        for (final long[] opens : opensNs)
        {
            first = Math.min(first, opens[0]);
        }
        return first;
    }

    /** The latest close of any instrument ({@link Long#MAX_VALUE} for a live schedule). */
    public long lastCloseNs()
    {
        long last = Long.MIN_VALUE;
        for (final long[] closes : closesNs)
        {
            last = Math.max(last, closes[closes.length - 1]);
        }
        return last;
    }
}
