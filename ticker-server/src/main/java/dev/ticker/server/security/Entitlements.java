package dev.ticker.server.security;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What one subject may see, as its token states it: which symbols (exact names, patterns such as
 * {@code *.DE}, or whole groups: an instrument's sector or currency), whether it may
 * replay and how far back, at most how many updates per second per symbol, and at most how many
 * connections at once. The server asks it on every request; it never changes while a token holds.
 *
 * @param symbols          symbols and patterns entitled.
 * @param groups           groups entitled, each {@code sector:Technology} or {@code currency:EUR}.
 * @param replay           whether the subject may replay the journal (a Resume is not a replay: it catches up live data).
 * @param replayBack       how far before now a replay may start; {@link Duration#ZERO} for no limit.
 * @param maxUpdatesPerSecond most updates per second per symbol; 0 for every tick.
 * @param maxConnections   most connections the subject may hold at once; 0 for the server's limits only.
 */
public record Entitlements(
    List<SymbolPattern> symbols,
    List<String> groups,
    boolean replay,
    Duration replayBack,
    int maxUpdatesPerSecond,
    int maxConnections)
{
    /** Everything: what a connection to a server without authentication may do. */
    public static final Entitlements ALL = new Entitlements(List.of(SymbolPattern.parse("*")), List.of(), true,
        Duration.ZERO, 0, 0);

    /** The kinds of group an entitlement may name, as {@code kind:value}. */
    public static final List<String> GROUP_KINDS = List.of("sector", "currency");

    public Entitlements
    {
        symbols = List.copyOf(symbols);
        groups = List.copyOf(groups);
        for (final String group : groups)
        {
            final int colon = group.indexOf(':');
            if (colon <= 0 || colon == group.length() - 1 || !GROUP_KINDS.contains(group.substring(0, colon)))
            {
                throw new IllegalArgumentException("group '" + group + "': expected one of " +
                    String.join(":…, ", GROUP_KINDS) + ":… with a value, e.g. sector:Energy");
            }
        }
        if (replayBack.isNegative())
        {
            throw new IllegalArgumentException("replay_back " + replayBack + ": must not be negative");
        }
        if (maxUpdatesPerSecond < 0 || maxConnections < 0)
        {
            throw new IllegalArgumentException("max_updates_per_second and max_connections must not be negative");
        }
    }

    /**
     * True when the instrument is entitled by name, by pattern or by one of its groups.
     *
     * @param sector   the instrument's sector (may be empty).
     * @param currency the instrument's currency (may be empty).
     */
    public boolean allows(final String symbol, final String sector, final String currency)
    {
        for (final SymbolPattern pattern : symbols)
        {
            if (pattern.matches(symbol))
            {
                return true;
            }
        }
        for (final String group : groups)
        {
            if (inGroup(group, "sector:", sector) || inGroup(group, "currency:", currency))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Why a replay from this time may not run, or null when it may.
     *
     * @param fromEpochNs where the replay would start.
     * @param nowEpochNs  the server's time now.
     */
    public String replayRefusal(final long fromEpochNs, final long nowEpochNs)
    {
        if (!replay)
        {
            return "replay is not entitled";
        }
        if (!replayBack.isZero() && fromEpochNs < nowEpochNs - replayBack.toNanos())
        {
            return "replay may start at most " + text(replayBack) + " back";
        }
        return null;
    }

    /** The entitlements in short, for an audit line: {@code symbols=AAPL,*.DE groups=sector:Energy replay=P7D rate=10 conns=2}. */
    public String summary()
    {
        final StringBuilder text = new StringBuilder(64);
        text.append("symbols=");
        for (int i = 0; i < symbols.size(); i++)
        {
            text.append(i > 0 ? "," : "").append(symbols.get(i));
        }
        if (!groups.isEmpty())
        {
            text.append(" groups=").append(String.join(",", groups));
        }
        text.append(" replay=").append(replay ? (replayBack.isZero() ? "any" : text(replayBack)) : "no");
        text.append(" rate=").append(0 == maxUpdatesPerSecond ? "all" : Integer.toString(maxUpdatesPerSecond));
        text.append(" conns=").append(0 == maxConnections ? "any" : Integer.toString(maxConnections));
        return text.toString();
    }

    private static boolean inGroup(final String group, final String kind, final String value)
    {
        return null != value && !value.isEmpty() && group.startsWith(kind) &&
            group.substring(kind.length()).equalsIgnoreCase(value);
    }

    /** A duration in ISO-8601 as a person writes it: {@code P7D} rather than {@code PT168H}. */
    static String text(final Duration duration)
    {
        final Duration day = Duration.ofDays(1);
        return !duration.isZero() && duration.toNanos() % day.toNanos() == 0 ? "P" + duration.toDays() + "D" :
            duration.toString().toUpperCase(Locale.ROOT);
    }
}
