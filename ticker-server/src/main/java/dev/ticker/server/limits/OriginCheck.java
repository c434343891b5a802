package dev.ticker.server.limits;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

import java.util.List;
import java.util.Locale;

/**
 * Refuses a WebSocket handshake from a web page of another origin (cross-site WebSocket
 * hijacking): the {@code Origin} must be the server's own (same host and port as the request's
 * {@code Host}) or on the configured allow-list. Requests without {@code Origin} do not come from
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
        if (null == origin || isAllowed(origin, exchange.getRequestHeaders().getFirst(Headers.HOST)))
        {
            next.handleRequest(exchange);
            return;
        }
        exchange.setStatusCode(StatusCodes.FORBIDDEN);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send("WebSocket origin " + origin + " is not allowed; " +
            "start the server with --allowed-origins to permit it\n");
    }

    boolean isAllowed(final String origin, final String host)
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
        final int schemeEnd = normalised.indexOf("://");
        return schemeEnd > 0 && normalised.substring(schemeEnd + 3).equals(host.strip().toLowerCase(Locale.ROOT));
    }
}
