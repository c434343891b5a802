package dev.ticker.server.security;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

/**
 * Where a request carries its token: {@code Authorization: Bearer TOKEN}, or, for a browser's
 * WebSocket (which cannot set headers), a {@code Sec-WebSocket-Protocol} entry {@code bearer.TOKEN}
 * offered beside the protocol name {@value #PROTOCOL}. Never the URL: URLs land in access logs,
 * proxies and browser history.
 */
public final class BearerTokens
{
    /** The WebSocket subprotocol name a client offers with its token, and the only one echoed back. */
    public static final String PROTOCOL = "ticker";
    /** The prefix of the subprotocol entry that carries the token. */
    public static final String PROTOCOL_TOKEN_PREFIX = "bearer.";
    static final HttpString SEC_WEBSOCKET_PROTOCOL = new HttpString("Sec-WebSocket-Protocol");
    private static final String BEARER = "bearer ";

    private BearerTokens()
    {
    }

    /** The token of an {@code Authorization: Bearer} header, or null. */
    static String fromAuthorization(final HttpServerExchange exchange)
    {
        final String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (null == authorization || authorization.length() <= BEARER.length() ||
            !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length()))
        {
            return null;
        }
        return authorization.substring(BEARER.length()).strip();
    }

    /** The token of a {@code bearer.TOKEN} subprotocol entry, or null. */
    static String fromProtocols(final HttpServerExchange exchange)
    {
        final HeaderValues values = exchange.getRequestHeaders().get(SEC_WEBSOCKET_PROTOCOL);
        if (null == values)
        {
            return null;
        }
        for (final String value : values)
        {
            for (final String part : value.split(","))
            {
                final String protocol = part.strip();
                if (protocol.startsWith(PROTOCOL_TOKEN_PREFIX) && protocol.length() > PROTOCOL_TOKEN_PREFIX.length())
                {
                    return protocol.substring(PROTOCOL_TOKEN_PREFIX.length());
                }
            }
        }
        return null;
    }

    /** Whether the client offered the protocol name {@value #PROTOCOL}. */
    static boolean offersProtocol(final HttpServerExchange exchange)
    {
        final HeaderValues values = exchange.getRequestHeaders().get(SEC_WEBSOCKET_PROTOCOL);
        if (null == values)
        {
            return false;
        }
        for (final String value : values)
        {
            for (final String part : value.split(","))
            {
                if (PROTOCOL.equals(part.strip()))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the URL carries something that looks like a token, which is refused rather than read. */
    static boolean inUrl(final HttpServerExchange exchange)
    {
        return exchange.getQueryParameters().containsKey("access_token") || exchange.getQueryParameters().containsKey("token");
    }
}
