package dev.ticker.server.security;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

/**
 * Lets an {@code /api/*} request through only with a token the server accepts, in
 * {@code Authorization: Bearer}, and attaches it for the handlers' entitlement checks. A refusal is
 * 401 with {@code WWW-Authenticate} (RFC 6750) and a JSON error saying why.
 */
public final class HttpAuthentication implements HttpHandler
{
    private final TokenVerifier verifier;
    private final HttpHandler next;

    public HttpAuthentication(final TokenVerifier verifier, final HttpHandler next)
    {
        this.verifier = verifier;
        this.next = next;
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange) throws Exception
    {
        if (BearerTokens.inUrl(exchange))
        {
            sendError(exchange, StatusCodes.BAD_REQUEST, "invalid_request",
                "a token in the URL is refused (URLs land in logs): send it as Authorization: Bearer TOKEN");
            return;
        }
        final String token = BearerTokens.fromAuthorization(exchange);
        if (null == token)
        {
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"ticker\"");
            sendJson(exchange, StatusCodes.UNAUTHORIZED, "no token: send Authorization: Bearer TOKEN");
            return;
        }
        try
        {
            exchange.putAttachment(RequestAccess.TOKEN, verifier.verify(token));
        }
        catch (final TokenRejectedException ex)
        {
            sendError(exchange, StatusCodes.UNAUTHORIZED, "invalid_token", "token refused: " + ex.getMessage());
            return;
        }
        next.handleRequest(exchange);
    }

    private static void sendError(final HttpServerExchange exchange, final int status, final String error, final String text)
    {
        exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"ticker\", error=\"" + error + "\"");
        sendJson(exchange, status, text);
    }

    /** A JSON error {@code {"error": "..."}}, as every /api answer gives. */
    static void sendJson(final HttpServerExchange exchange, final int status, final String text)
    {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send("{\"error\": \"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}\n");
    }
}
