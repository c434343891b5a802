package dev.ticker.cli;

import dev.ticker.journal.InstrumentCatalog;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.proto.v1.Instrument;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * How the text formats of {@code ticker replay} spell a tick's fields: prices as exact decimals
 * with the instrument's price_decimals, times as ISO-8601 UTC instants, sides and statuses as words.
 * Holds the instrument facts by id so that a tick needs no lookup by name.
 */
final class TickText
{
    private static final long[] POWERS_OF_TEN = new long[19];

    static
    {
        long power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++)
        {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }

    private final String[] symbols;
    private final int[] priceDecimals;
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedSecondText;

    TickText(final InstrumentCatalog catalog)
    {
        symbols = new String[catalog.size()];
        priceDecimals = new int[catalog.size()];
        for (final Instrument instrument : catalog.instruments())
        {
            symbols[instrument.getId()] = instrument.getSymbol();
            priceDecimals[instrument.getId()] = instrument.getPriceDecimals();
        }
    }

    /** The symbol of an instrument id; empty for an id the catalogue does not know. */
    String symbol(final int instrumentId)
    {
        return instrumentId >= 0 && instrumentId < symbols.length ? symbols[instrumentId] : "";
    }

    /** The price decimals of an instrument id; 0 for an id the catalogue does not know. */
    int priceDecimals(final int instrumentId)
    {
        return instrumentId >= 0 && instrumentId < priceDecimals.length ? priceDecimals[instrumentId] : 0;
    }

    /** Appends {@code price} price units as a plain decimal number with {@code decimals} places (12345, 2 is 123.45). */
    static StringBuilder appendPrice(final StringBuilder out, final long price, final int decimals)
    {
        if (decimals <= 0 || Long.MIN_VALUE == price || decimals >= POWERS_OF_TEN.length)
        {
            return out.append(BigDecimal.valueOf(price, Math.max(decimals, 0)).toPlainString());
        }
        final long magnitude = Math.abs(price);
        final long scale = POWERS_OF_TEN[decimals];
        if (price < 0)
        {
            out.append('-');
        }
        out.append(magnitude / scale).append('.');
        final long fraction = magnitude % scale;
        for (int digits = decimals - 1; digits > 0 && fraction < POWERS_OF_TEN[digits]; digits--)
        {
            out.append('0');
        }
        return out.append(fraction);
    }

    /**
     * Appends the epoch-nanosecond time as an ISO-8601 UTC instant (2026-11-20T14:30:00.000000123Z),
     * as {@link DateTimeFormatter#ISO_INSTANT} writes it: the fraction in groups of three digits,
     * none when zero. The date and time of day are formatted once per second.
     */
    StringBuilder appendTime(final StringBuilder out, final long epochNs)
    {
        final long second = Math.floorDiv(epochNs, 1_000_000_000L);
        final int nanos = (int)Math.floorMod(epochNs, 1_000_000_000L);
        if (second != cachedSecond)
        {
            cachedSecond = second;
            final String iso = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(second));
            cachedSecondText = iso.substring(0, iso.length() - 1);
        }
        out.append(cachedSecondText);
        if (nanos != 0)
        {
            final int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
            final int value = digits == 3 ? nanos / 1_000_000 : digits == 6 ? nanos / 1_000 : nanos;
            out.append('.');
            for (long power = POWERS_OF_TEN[digits - 1]; power > 1 && value < power; power /= 10)
            {
                out.append('0');
            }
            out.append(value);
        }
        return out.append('Z');
    }

    static String type(final byte type)
    {
        switch (type)
        {
            case TickDescriptor.TYPE_TRADE:
                return "trade";
            case TickDescriptor.TYPE_QUOTE:
                return "quote";
            case TickDescriptor.TYPE_STATUS:
                return "status";
            default:
                return "unknown";
        }
    }

    static String side(final byte side)
    {
        switch (side)
        {
            case TickDescriptor.SIDE_BUY:
                return "buy";
            case TickDescriptor.SIDE_SELL:
                return "sell";
            default:
                return "unknown";
        }
    }

    static String status(final byte status)
    {
        switch (status)
        {
            case TickDescriptor.STATUS_TRADING:
                return "trading";
            case TickDescriptor.STATUS_HALTED:
                return "halted";
            case TickDescriptor.STATUS_CLOSED:
                return "closed";
            default:
                return "unknown";
        }
    }
}
