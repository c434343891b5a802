package dev.ticker.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which venues of a universe are in session at a moment and which opens next, in words, so that a
 * demo started at night or at the weekend says why most instruments are CLOSED rather than looking
 * dead.
 */
public final class VenueBoard
{
    private VenueBoard()
    {
    }

    /**
     * For example {@code 3 of 103 instruments in session now (CRYPTO); next to open: XTKS at
     * 2026-12-07T00:00:00Z (Mon-Fri 09:00-11:30, 12:30-15:30 Asia/Tokyo)}.
     */
    public static String describe(final List<SimulatedInstrument> instruments, final long nowNs)
    {
        final TreeSet<String> open = new TreeSet<>();
        final Map<Long, SimulatedInstrument> nextOpens = new TreeMap<>();
        int inSession = 0;
        for (final SimulatedInstrument instrument : instruments)
        {
            if (instrument.hours().isOpen(nowNs))
            {
                inSession++;
                open.add(venue(instrument));
            }
            else
            {
                nextOpens.putIfAbsent(instrument.hours().nextOpenNs(nowNs), instrument);
            }
        }
        final StringBuilder text = new StringBuilder();
        if (inSession == 0)
        {
            text.append("no venue is in session now (night or weekend at every one): every instrument shows CLOSED");
        }
        else
        {
            text.append(inSession).append(" of ").append(instruments.size()).append(" instruments in session now (")
                .append(String.join(", ", open)).append(')');
        }
        if (!nextOpens.isEmpty())
        {
            final Map.Entry<Long, SimulatedInstrument> next = ((TreeMap<Long, SimulatedInstrument>)nextOpens).firstEntry();
            if (next.getKey() != Long.MAX_VALUE)
            {
                text.append("; next to open: ").append(venue(next.getValue())).append(" at ")
                    .append(Instant.ofEpochSecond(0, next.getKey())).append(" (").append(next.getValue().hours().describe()).append(')');
            }
        }
        return text.toString();
    }

    private static String venue(final SimulatedInstrument instrument)
    {
        return instrument.exchange().isEmpty() ? instrument.hours().zone().getId() : instrument.exchange();
    }
}
