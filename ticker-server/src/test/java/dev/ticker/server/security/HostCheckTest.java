package dev.ticker.server.security;

import io.undertow.server.HttpHandler;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostCheckTest
{
    private static final HttpHandler NEXT = exchange -> { };

    @Test
    void shouldTakeLocalhostAddressesTheListenAddressAndTheConfiguredNames()
    {
        final HostCheck check = new HostCheck("ticker.internal", List.of("ticker.example.com"), NEXT);

        assertTrue(check.isAllowed("localhost:8080"));
        assertTrue(check.isAllowed("127.0.0.1:8080"));
        assertTrue(check.isAllowed("10.0.0.5"));
        assertTrue(check.isAllowed("[::1]:8080"));
        assertTrue(check.isAllowed("ticker.internal:8080"));
        assertTrue(check.isAllowed("TICKER.example.com."));
    }

    @Test
    void shouldRefuseOtherNamesWhateverTheirPort()
    {
        final HostCheck check = new HostCheck("127.0.0.1", List.of(), NEXT);

        assertFalse(check.isAllowed("evil.example:8080"));
        assertFalse(check.isAllowed("localhost.evil.example"));
        assertFalse(check.isAllowed("127.0.0.1.evil.example"));
        assertFalse(check.isAllowed("1.2.3.4.nip.io"));
    }

    @Test
    void shouldTakeTheHostPartOfAHostHeader()
    {
        assertEquals("[::1]", HostCheck.nameOf("[::1]:8080"));
        assertEquals("example.com", HostCheck.nameOf("example.com.:443"));
        assertEquals("10.0.0.5", HostCheck.nameOf("10.0.0.5"));
    }
}
