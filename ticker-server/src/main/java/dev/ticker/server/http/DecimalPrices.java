package dev.ticker.server.http;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /api/bars?decimals=true}: the bars' prices as exact decimal strings in the instrument's
 * currency ({@code "open": "228.4500"}) instead of integer price units ({@code "2284500"}), in an
 * otherwise identical answer, for a client that would rather not scale by {@code priceDecimals}.
 * Strings, like every 64-bit number of the proto3 JSON mapping, so that no digit is lost.
 */
final class DecimalPrices
{
    private static final Pattern PRICE = Pattern.compile("\"(open|high|low|close)\": \"(-?\\d+)\"");

    private DecimalPrices()
    {
    }

    /** {@code json} (a printed BarHistory) with every bar price in units of 10^-decimals written as a decimal. */
    static String rewrite(final String json, final int decimals)
    {
        final Matcher matcher = PRICE.matcher(json);
        return matcher.replaceAll(match -> "\"" + match.group(1) + "\": \"" +
            BigDecimal.valueOf(Long.parseLong(match.group(2)), decimals).toPlainString() + "\"");
    }
}
