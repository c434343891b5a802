package dev.ticker.server.security;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;

import java.util.List;
import java.util.Locale;

/**
 * Cross-origin reads of {@code /api/*}, for the configured web origins only: their pages may send the
 * {@code Authorization} header and read the answer; every other origin gets no CORS header, so the
 * browser keeps the answer from it. Preflight requests are answered here.
 */
public final class Cors implements HttpHandler
{
    private static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
    private static final HttpString ALLOW_HEADERS = new HttpString("Access-Control-Allow-Headers");
    private static final HttpString ALLOW_METHODS = new HttpString("Access-Control-Allow-Methods");
    private static final HttpString MAX_AGE = new HttpString("Access-Control-Max-Age");

    private final List<String> origins;
    private final HttpHandler next;

    public Cors(final List<String> origins, final HttpHandler next)
    {
        this.origins = origins;
        this.next = next;
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange) throws Exception
    {
        final String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        final boolean allowed = null != origin && origins.contains(origin.strip().toLowerCase(Locale.ROOT));
        exchange.getResponseHeaders().add(Headers.VARY, "Origin");
        if (allowed)
        {
            exchange.getResponseHeaders().put(ALLOW_ORIGIN, origin.strip());
        }
        if (Methods.OPTIONS.equals(exchange.getRequestMethod()) &&
            exchange.getRequestHeaders().contains("Access-Control-Request-Method"))
        {
            if (allowed)
            {
                exchange.getResponseHeaders().put(ALLOW_METHODS, "GET, HEAD");
                exchange.getResponseHeaders().put(ALLOW_HEADERS, "Authorization");
                exchange.getResponseHeaders().put(MAX_AGE, "600");
            }
            exchange.setStatusCode(StatusCodes.NO_CONTENT);
            exchange.endExchange();
            return;
        }
        next.handleRequest(exchange);
    }
}
