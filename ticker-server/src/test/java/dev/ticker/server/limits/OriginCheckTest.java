package dev.ticker.server.limits;

import dev.ticker.server.config.ServerConfiguration;
import io.undertow.server.HttpHandler;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginCheckTest
{
    private static final HttpHandler NEXT = exchange -> { };

    @Test
    void shouldAllowOnlyTheExactOriginsOfTheList()
    {
        final OriginCheck check = check("https://dash.example.com", "http://localhost:5173");
        assertTrue(check.isAllowed("https://dash.example.com", "ticker.internal:8080", "http"));
        assertTrue(check.isAllowed("http://localhost:5173", "ticker.internal:8080", "http"));

        assertFalse(check.isAllowed("http://dash.example.com", "ticker.internal:8080", "http"), "another scheme");
        assertFalse(check.isAllowed("https://dash.example.com:8443", "ticker.internal:8080", "http"), "another port");
        assertFalse(check.isAllowed("https://dash.example.com.evil.net", "ticker.internal:8080", "http"), "a suffix");
        assertFalse(check.isAllowed("https://evil.dash.example.com", "ticker.internal:8080", "http"), "a subdomain");
        assertFalse(check.isAllowed("https://dash.example.co", "ticker.internal:8080", "http"), "a prefix");
        assertFalse(check.isAllowed("http://localhost:51730", "ticker.internal:8080", "http"));
        assertFalse(check.isAllowed("null", "ticker.internal:8080", "http"), "the opaque origin of a sandboxed page or file");
    }

    @Test
    void shouldCompareOriginsWithoutRegardToCase()
    {
        final OriginCheck check = new OriginCheck(new ServerConfiguration().allowedOrigins(List.of(" HTTPS://Dash.Example.com ")).allowedOrigins(), NEXT);
        assertTrue(check.isAllowed("https://dash.example.com", "ticker.internal:8080", "http"));
        assertTrue(check.isAllowed("https://DASH.example.com", "ticker.internal:8080", "http"));
    }

    @Test
    void shouldAllowThePagesOfTheServerItself()
    {
        final OriginCheck check = check();
        assertTrue(check.isAllowed("http://127.0.0.1:8080", "127.0.0.1:8080", "http"));
        assertTrue(check.isAllowed("https://ticker.example.com", "ticker.example.com", "https"));
        assertTrue(check.isAllowed("https://ticker.example.com:443", "ticker.example.com", "https"), "the default port written out");
        assertTrue(check.isAllowed("http://ticker.example.com", "ticker.example.com:80", "http"), "the default port in Host");
        assertFalse(check.isAllowed("http://127.0.0.1:8081", "127.0.0.1:8080", "http"), "another port of the same host");
        assertFalse(check.isAllowed("http://evil.example@127.0.0.1:8080", "127.0.0.1:8080", "http"), "user info is not part of an origin");
        assertFalse(check.isAllowed("http://127.0.0.1:8080", null, "http"), "no Host to compare with");
    }

    @Test
    void shouldRefuseThePagesOfAnotherSchemeOnTheServersOwnHost()
    {
        final OriginCheck check = check();
        assertFalse(check.isAllowed("https://127.0.0.1:8080", "127.0.0.1:8080", "http"), "https page, http server");
        assertFalse(check.isAllowed("http://ticker.example.com", "ticker.example.com", "https"), "http page, https server");
        assertFalse(check.isAllowed("ws://127.0.0.1:8080", "127.0.0.1:8080", "http"), "not a web page's scheme");
        assertFalse(check.isAllowed("chrome-extension://abc", "abc", "http"), "an extension");
    }

    @Test
    void shouldAllowEveryOriginOnlyWithTheWildcard()
    {
        assertTrue(check("*").isAllowed("https://anywhere.example", "127.0.0.1:8080", "http"));
        assertFalse(check().isAllowed("https://anywhere.example", "127.0.0.1:8080", "http"));
    }

    @Test
    void shouldRejectAnAllowedOriginThatIsNotSchemeHostAndPort()
    {
        for (final String bad : List.of("dash.example.com", "https://dash.example.com/", "https://dash.example.com/app", "ftp://x", "*.example.com"))
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> new ServerConfiguration().allowedOrigins(List.of(bad)).validate(), bad);
            assertEquals("allowedOrigins=" + bad + ": expected * or scheme://host[:port]", ex.getMessage());
        }
    }

    private static OriginCheck check(final String... origins)
    {
        return new OriginCheck(new ServerConfiguration().allowedOrigins(List.of(origins)).validate().allowedOrigins(), NEXT);
    }
}
