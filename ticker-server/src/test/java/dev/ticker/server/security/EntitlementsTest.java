package dev.ticker.server.security;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EntitlementsTest
{
    private static final long DAY_NS = Duration.ofDays(1).toNanos();

    @Test
    void shouldMatchExactSymbolsAndPatterns()
    {
        assertTrue(SymbolPattern.parse("AAPL").matches("AAPL"));
        assertFalse(SymbolPattern.parse("AAPL").matches("AAPL.DE"));
        assertTrue(SymbolPattern.parse("*.DE").matches("SAP.DE"));
        assertFalse(SymbolPattern.parse("*.DE").matches("SAP.DEX"));
        assertTrue(SymbolPattern.parse("EUR*").matches("EURUSD"));
        assertTrue(SymbolPattern.parse("A*L").matches("AAPL"));
        assertFalse(SymbolPattern.parse("AA*AA").matches("AAA"));
        assertTrue(SymbolPattern.parse("*").matches("ANY"));
    }

    @Test
    void shouldEntitleAnInstrumentByItsSectorOrCurrency()
    {
        final Entitlements entitlements = new Entitlements(List.of(), List.of("sector:Energy", "currency:jpy"),
            false, Duration.ZERO, 0, 0);

        assertTrue(entitlements.allows("XOM", "Energy", "USD"));
        assertTrue(entitlements.allows("7203", "Autos", "JPY"));
        assertFalse(entitlements.allows("AAPL", "Technology", "USD"));
        assertFalse(entitlements.allows("AAPL", "", ""));
    }

    @Test
    void shouldRefuseReplayWhenNotEntitledOrFromFurtherBackThanAllowed()
    {
        final long now = 100 * DAY_NS;
        final Entitlements noReplay = new Entitlements(List.of(), List.of(), false, Duration.ZERO, 0, 0);
        final Entitlements week = new Entitlements(List.of(), List.of(), true, Duration.ofDays(7), 0, 0);

        assertEquals("replay is not entitled", noReplay.replayRefusal(now, now));
        assertNull(week.replayRefusal(now - 7 * DAY_NS, now));
        assertEquals("replay may start at most P7D back", week.replayRefusal(now - 8 * DAY_NS, now));
        assertNull(Entitlements.ALL.replayRefusal(0, now));
    }

    @Test
    void shouldReadTheClaimAsTheIssuerWritesIt()
    {
        final Entitlements entitlements = new Entitlements(List.of(SymbolPattern.parse("*.DE")), List.of("sector:Energy"), true,
            Duration.ofHours(8), 5, 3);
        final JWTClaimsSet claims = new JWTClaimsSet.Builder().claim(EntitlementClaims.CLAIM, EntitlementClaims.write(entitlements)).build();

        assertEquals(entitlements, EntitlementClaims.read(claims));
        assertEquals("symbols=*.DE groups=sector:Energy replay=PT8H rate=5 conns=3", entitlements.summary());
    }

    @Test
    void shouldEntitleNothingWithoutTheClaim()
    {
        final Entitlements none = EntitlementClaims.read(new JWTClaimsSet.Builder().subject("x").build());

        assertFalse(none.allows("AAPL", "Technology", "USD"));
        assertEquals("replay is not entitled", none.replayRefusal(0, 0));
    }

    @Test
    void shouldNameTheMemberThatIsWrong()
    {
        assertEquals("ticker.max_connections: expected a whole number from 0, got -1",
            assertThrows(IllegalArgumentException.class, () -> read(Map.of("max_connections", -1))).getMessage());
        assertEquals("ticker.symbols: expected an array of strings, found 5",
            assertThrows(IllegalArgumentException.class, () -> read(Map.of("symbols", List.of(5)))).getMessage());
        assertEquals("ticker.replay_back 'a week': expected an ISO-8601 duration such as P30D or PT8H",
            assertThrows(IllegalArgumentException.class, () -> read(Map.of("replay_back", "a week"))).getMessage());
        assertEquals("group 'market:X': expected one of sector:…, currency:… with a value, e.g. sector:Energy",
            assertThrows(IllegalArgumentException.class, () -> read(Map.of("groups", List.of("market:X")))).getMessage());
    }

    private static Entitlements read(final Map<String, Object> body)
    {
        return EntitlementClaims.read(new JWTClaimsSet.Builder().claim(EntitlementClaims.CLAIM, body).build());
    }
}
