package dev.ticker.server.security;

import com.nimbusds.jwt.JWTClaimsSet;

import java.text.ParseException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layout of entitlements in a token: one private claim, {@value #CLAIM}, so they never clash
 * with the registered claims or an identity provider's own:
 * <pre>
 * "ticker": {
 *   "symbols": ["AAPL", "*.DE"],          exact symbols and patterns
 *   "groups": ["sector:Energy"],          sector: or currency: groups
 *   "replay": true,                       replay allowed (default false)
 *   "replay_back": "P30D",                how far back a replay may start (ISO-8601; absent: no limit)
 *   "max_updates_per_second": 10,         per symbol (absent or 0: every tick)
 *   "max_connections": 2                  per subject (absent or 0: the server's limits only)
 * }
 * </pre>
 * A token without the claim is valid and entitles nothing: being known is not being licensed.
 */
public final class EntitlementClaims
{
    /** The claim's name. */
    public static final String CLAIM = "ticker";

    private EntitlementClaims()
    {
    }

    /**
     * @throws IllegalArgumentException naming the member that is wrong and why.
     */
    public static Entitlements read(final JWTClaimsSet claims)
    {
        final Map<String, Object> body;
        try
        {
            body = claims.getJSONObjectClaim(CLAIM);
        }
        catch (final ParseException ex)
        {
            throw new IllegalArgumentException("claim '" + CLAIM + "': not a JSON object", ex);
        }
        if (null == body)
        {
            return new Entitlements(List.of(), List.of(), false, Duration.ZERO, 0, 0);
        }
        final List<SymbolPattern> symbols = new ArrayList<>();
        for (final String symbol : strings(body, "symbols"))
        {
            symbols.add(SymbolPattern.parse(symbol));
        }
        final Object replay = body.get("replay");
        if (null != replay && !(replay instanceof Boolean))
        {
            throw new IllegalArgumentException(CLAIM + ".replay: expected true or false, got " + replay);
        }
        final Object back = body.get("replay_back");
        final Duration replayBack;
        try
        {
            replayBack = null == back ? Duration.ZERO : Duration.parse(back.toString());
        }
        catch (final DateTimeParseException ex)
        {
            throw new IllegalArgumentException(CLAIM + ".replay_back '" + back + "': expected an ISO-8601 duration such as P30D or PT8H", ex);
        }
        return new Entitlements(symbols, strings(body, "groups"), Boolean.TRUE.equals(replay), replayBack,
            count(body, "max_updates_per_second"), count(body, "max_connections"));
    }

    /** The claim's value for these entitlements, for a token issuer. */
    public static Map<String, Object> write(final Entitlements entitlements)
    {
        final Map<String, Object> body = new LinkedHashMap<>();
        final List<String> symbols = new ArrayList<>();
        entitlements.symbols().forEach(pattern -> symbols.add(pattern.toString()));
        body.put("symbols", symbols);
        if (!entitlements.groups().isEmpty())
        {
            body.put("groups", entitlements.groups());
        }
        body.put("replay", entitlements.replay());
        if (!entitlements.replayBack().isZero())
        {
            body.put("replay_back", Entitlements.text(entitlements.replayBack()));
        }
        if (entitlements.maxUpdatesPerSecond() > 0)
        {
            body.put("max_updates_per_second", entitlements.maxUpdatesPerSecond());
        }
        if (entitlements.maxConnections() > 0)
        {
            body.put("max_connections", entitlements.maxConnections());
        }
        return body;
    }

    private static List<String> strings(final Map<String, Object> body, final String member)
    {
        final Object value = body.get(member);
        if (null == value)
        {
            return List.of();
        }
        if (!(value instanceof List<?> list))
        {
            throw new IllegalArgumentException(CLAIM + "." + member + ": expected an array of strings");
        }
        final List<String> strings = new ArrayList<>(list.size());
        for (final Object item : list)
        {
            if (!(item instanceof String text))
            {
                throw new IllegalArgumentException(CLAIM + "." + member + ": expected an array of strings, found " + item);
            }
            strings.add(text);
        }
        return strings;
    }

    private static int count(final Map<String, Object> body, final String member)
    {
        final Object value = body.get(member);
        if (null == value)
        {
            return 0;
        }
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue()) ||
            number.longValue() < 0 || number.longValue() > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException(CLAIM + "." + member + ": expected a whole number from 0, got " + value);
        }
        return number.intValue();
    }
}
