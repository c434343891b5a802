package dev.ticker.simulator;

import dev.ticker.proto.v1.Instrument;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The regular trading hours of an instrument's venue: its time zone, the session's open and close,
 * the weekdays it trades and, where the venue has one, its lunch break (Tokyo and Hong Kong close
 * for lunch). A live feed on venue hours publishes an instrument only inside these hours, so the
 * demo does not trade Tokyo stocks at 2 a.m. Tokyo time. Holidays are not known. Immutable.
 *
 * @param zone             the venue's time zone.
 * @param openMinute       minute of the local day the session opens.
 * @param closeMinute      minute of the local day it closes, after the open; 1440 for midnight.
 * @param breakStartMinute minute the lunch break starts, or {@link #NO_BREAK}.
 * @param breakEndMinute   minute it ends, or {@link #NO_BREAK}.
 * @param daysMask         the weekdays it trades: bit {@code DayOfWeek.getValue() - 1} (Monday is bit 0).
 */
public record VenueHours(ZoneId zone, int openMinute, int closeMinute, int breakStartMinute, int breakEndMinute, int daysMask)
{
    public static final int NO_BREAK = -1;
    /** Monday to Friday. */
    public static final int WEEKDAYS = 0b0011111;
    /** Every day of the week (e.g. crypto). */
    public static final int EVERY_DAY = 0b1111111;

    private static final int DAY_MINUTES = 24 * 60;

    public VenueHours
    {
        if (openMinute < 0 || closeMinute > DAY_MINUTES || closeMinute <= openMinute)
        {
            throw new IllegalArgumentException("session " + openMinute + ".." + closeMinute + " minutes: the close must be after the open, within the day");
        }
        if ((breakStartMinute == NO_BREAK) != (breakEndMinute == NO_BREAK) ||
            breakStartMinute != NO_BREAK && (breakStartMinute <= openMinute || breakEndMinute <= breakStartMinute || breakEndMinute >= closeMinute))
        {
            throw new IllegalArgumentException("break " + breakStartMinute + ".." + breakEndMinute +
                " minutes: must start after the open and end after its start, before the close");
        }
        if ((daysMask & EVERY_DAY) == 0 || (daysMask & ~EVERY_DAY) != 0)
        {
            throw new IllegalArgumentException("daysMask=" + daysMask + ": at least one day, bits 0 (Monday) to 6 (Sunday)");
        }
    }

    /** The hours of an instrument's catalogue session, Monday to Friday, without a break. */
    public static VenueHours of(final Instrument instrument)
    {
        return new VenueHours(ZoneId.of(instrument.getTimeZone()), instrument.getSessionOpenMinute(), instrument.getSessionCloseMinute(),
            NO_BREAK, NO_BREAK, WEEKDAYS);
    }

    /** The same hours with a lunch break, or none ({@link #NO_BREAK}). */
    public VenueHours withBreak(final int startMinute, final int endMinute)
    {
        return new VenueHours(zone, openMinute, closeMinute, startMinute, endMinute, daysMask);
    }

    /** The same hours on other weekdays. */
    public VenueHours withDays(final int mask)
    {
        return new VenueHours(zone, openMinute, closeMinute, breakStartMinute, breakEndMinute, mask);
    }

    public boolean hasBreak()
    {
        return breakStartMinute != NO_BREAK;
    }

    public boolean tradesOn(final DayOfWeek day)
    {
        return (daysMask & (1 << (day.getValue() - 1))) != 0;
    }

    /** Whether the venue is in session at {@code epochNs}. */
    public boolean isOpen(final long epochNs)
    {
        return sessions(epochNs, epochNs + 1).length > 0;
    }

    /**
     * The sessions that overlap [fromNs, toNs), as pairs {@code open, close} in epoch nanoseconds,
     * in order: a session in progress at {@code fromNs} starts at {@code fromNs}; a lunch break
     * splits a day in two; sessions that touch (a 24-hour venue's midnight) are one.
     */
    public long[] sessions(final long fromNs, final long toNs)
    {
        final List<Long> bounds = new ArrayList<>();
        final LocalDate last = date(toNs);
        for (LocalDate date = date(fromNs).minusDays(1); !date.isAfter(last); date = date.plusDays(1))
        {
            if (!tradesOn(date.getDayOfWeek()))
            {
                continue;
            }
            if (hasBreak())
            {
                add(bounds, epochNs(date, openMinute), epochNs(date, breakStartMinute), fromNs, toNs);
                add(bounds, epochNs(date, breakEndMinute), epochNs(date, closeMinute), fromNs, toNs);
            }
            else
            {
                add(bounds, epochNs(date, openMinute), epochNs(date, closeMinute), fromNs, toNs);
            }
        }
        final long[] sessions = new long[bounds.size()];
        for (int i = 0; i < sessions.length; i++)
        {
            sessions[i] = bounds.get(i);
        }
        return sessions;
    }

    /** The next open at or after {@code epochNs} (now, when in session), within a week, else Long.MAX_VALUE. */
    public long nextOpenNs(final long epochNs)
    {
        final long[] sessions = sessions(epochNs, epochNs + TimeUnit.DAYS.toNanos(8));
        return sessions.length > 0 ? sessions[0] : Long.MAX_VALUE;
    }

    /** For people: {@code Mon-Fri 09:00-11:30, 12:30-15:30 Asia/Tokyo}. */
    public String describe()
    {
        final String hours = hasBreak() ?
            time(openMinute) + "-" + time(breakStartMinute) + ", " + time(breakEndMinute) + "-" + time(closeMinute) :
            time(openMinute) + "-" + time(closeMinute);
        return days(daysMask) + " " + hours + " " + zone.getId();
    }

    /** Weekdays as {@code Mon-Fri}, {@code Mon-Sun} or {@code Mon,Wed}. */
    static String days(final int mask)
    {
        final int first = Integer.numberOfTrailingZeros(mask);
        final int last = 31 - Integer.numberOfLeadingZeros(mask);
        if (Integer.bitCount(mask) == last - first + 1 && last > first)
        {
            return dayName(first) + "-" + dayName(last);
        }
        final StringBuilder names = new StringBuilder();
        for (int d = 0; d < 7; d++)
        {
            if ((mask & (1 << d)) != 0)
            {
                names.append(names.length() > 0 ? "," : "").append(dayName(d));
            }
        }
        return names.toString();
    }

    private static String dayName(final int bit)
    {
        final String name = DayOfWeek.of(bit + 1).name();
        return name.charAt(0) + name.substring(1, 3).toLowerCase(Locale.ROOT);
    }

    private static void add(final List<Long> bounds, final long openNs, final long closeNs, final long fromNs, final long toNs)
    {
        if (closeNs <= fromNs || openNs >= toNs)
        {
            return;
        }
        final long open = Math.max(openNs, fromNs);
        if (!bounds.isEmpty() && bounds.get(bounds.size() - 1) == open)
        {
            bounds.set(bounds.size() - 1, closeNs);
            return;
        }
        bounds.add(open);
        bounds.add(closeNs);
    }

    private LocalDate date(final long epochNs)
    {
        return LocalDate.ofInstant(Instant.ofEpochSecond(Math.floorDiv(epochNs, 1_000_000_000L)), zone);
    }

    private long epochNs(final LocalDate date, final int minute)
    {
        final ZonedDateTime time = minute >= DAY_MINUTES ?
            date.plusDays(1).atStartOfDay(zone) :
            ZonedDateTime.of(date, LocalTime.of(minute / 60, minute % 60), zone);
        return TimeUnit.SECONDS.toNanos(time.toEpochSecond());
    }

    private static String time(final int minute)
    {
        return String.format(Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
    }
}
