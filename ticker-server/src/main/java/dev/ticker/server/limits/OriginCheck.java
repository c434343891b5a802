package dev.ticker.server.limits;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

import java.util.List;
import java.util.Locale;

/**
 * Refuses a WebSocket handshake from a web page of another origin (cross-site WebSocket
 * hijacking): the {@code Origin} must be the server's own (the request's scheme, and the host and
 * port of its {@code Host}, default ports filled in) or on the configured allow-list. Requests without {@code Origin} do not come from
 * a browser page and pass.
 */
public final class OriginCheck implements HttpHandler
{
    private final List<String> allowedOrigins;
    private final HttpHandler next;

    public OriginCheck(final List<String> allowedOrigins, final HttpHandler next)
    {
        this.allowedOrigins = allowedOrigins;
        this.next = next;
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange) throws Exception
    {
        final String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (null == origin || isAllowed(origin, exchange.getRequestHeaders().getFirst(Headers.HOST), exchange.getRequestScheme()))
        {
            next.handleRequest(exchange);
            return;
        }
        exchange.setStatusCode(StatusCodes.FORBIDDEN);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send("WebSocket origin " + origin + " is not allowed; " +
            "start the server with --allowed-origins to permit it\n");
    }

    /**
     * @param host   the request's {@code Host} header.
     * @param scheme the scheme the request came by: {@code http} or {@code https}.
     */
    boolean isAllowed(final String origin, final String host, final String scheme)
    {
        final String normalised = origin.strip().toLowerCase(Locale.ROOT);
        if (allowedOrigins.contains("*") || allowedOrigins.contains(normalised))
        {
            return true;
        }
        if (null == host)
        {
            return false;
        }
        final String ownScheme = scheme.toLowerCase(Locale.ROOT);
        return normalised.equals(withPort(ownScheme + "://" + host.strip().toLowerCase(Locale.ROOT))) ||
            withPort(normalised).equals(withPort(ownScheme + "://" + host.strip().toLowerCase(Locale.ROOT)));
    }

    /** {@code scheme://host:port} with the scheme's default port written out, so both spellings compare equal. */
    private static String withPort(final String origin)
    {
        final int hostStart = origin.indexOf("://") + 3;
        final int portColon = origin.lastIndexOf(':');
        final boolean hasPort = portColon >= hostStart && origin.indexOf(']', portColon) < 0;
        if (hasPort)
        {
            return origin;
        }
        return origin + (origin.startsWith("https://") ? ":443" : origin.startsWith("http://") ? ":80" : "");
    }
}
