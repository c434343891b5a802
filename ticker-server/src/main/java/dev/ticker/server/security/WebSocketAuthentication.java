package dev.ticker.server.security;

import dev.ticker.server.ws.WebSocketUpgrade;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import org.xnio.StreamConnection;

import java.net.InetSocketAddress;

/**
 * Checks the token of a WebSocket handshake before the upgrade, and hands the upgraded connection on
 * with it. The token comes as a {@code bearer.TOKEN} entry of {@code Sec-WebSocket-Protocol} (all a
 * browser can send) beside the protocol name {@value BearerTokens#PROTOCOL}, which alone is echoed,
 * or as {@code Authorization: Bearer TOKEN}. A handshake without an acceptable token gets 401 with the
 * reason and never reaches the stream.
 */
public final class WebSocketAuthentication implements HttpHandler
{
    /** Takes each upgraded connection with the token it was let in with, on its IO thread. */
    @FunctionalInterface
    public interface Acceptor
    {
        void onUpgraded(StreamConnection connection, InetSocketAddress peer, AccessToken token);
    }

    private final TokenVerifier verifier;
    private final Acceptor acceptor;
    private final WebSocketUpgrade anonymous;

    /**
     * @param verifier checks tokens; null for a server without authentication, whose connections hold
     *                 {@link AccessToken#ANONYMOUS}.
     */
    public WebSocketAuthentication(final TokenVerifier verifier, final Acceptor acceptor)
    {
        this.verifier = verifier;
        this.acceptor = acceptor;
        this.anonymous = new WebSocketUpgrade((connection, peer) -> acceptor.onUpgraded(connection, peer, AccessToken.ANONYMOUS));
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange)
    {
        if (null == verifier)
        {
            anonymous.handleRequest(exchange);
            return;
        }
        if (BearerTokens.inUrl(exchange))
        {
            refuse(exchange, StatusCodes.BAD_REQUEST, "a token in the URL is refused (URLs land in logs): offer it as the " +
                "WebSocket protocol bearer.TOKEN beside '" + BearerTokens.PROTOCOL + "', or send Authorization: Bearer TOKEN");
            return;
        }
        final String fromProtocols = BearerTokens.fromProtocols(exchange);
        final String token = null != fromProtocols ? fromProtocols : BearerTokens.fromAuthorization(exchange);
        if (null == token)
        {
            refuse(exchange, StatusCodes.UNAUTHORIZED, "no token: offer the WebSocket protocols '" + BearerTokens.PROTOCOL +
                "' and bearer.TOKEN, or send Authorization: Bearer TOKEN");
            return;
        }
        if (null != fromProtocols && !BearerTokens.offersProtocol(exchange))
        {
            refuse(exchange, StatusCodes.BAD_REQUEST, "offer the protocol '" + BearerTokens.PROTOCOL +
                "' beside bearer.TOKEN: it is the one the server answers with (the token is never echoed)");
            return;
        }
        final AccessToken accepted;
        try
        {
            accepted = verifier.verify(token);
        }
        catch (final TokenRejectedException ex)
        {
            ConnectionAudit.onRefused("-", String.valueOf(exchange.getSourceAddress()), ex.getMessage());
            refuse(exchange, StatusCodes.UNAUTHORIZED, "token refused: " + ex.getMessage());
            return;
        }
        if (BearerTokens.offersProtocol(exchange))
        {
            exchange.getResponseHeaders().put(BearerTokens.SEC_WEBSOCKET_PROTOCOL, BearerTokens.PROTOCOL);
        }
        new WebSocketUpgrade((connection, peer) -> acceptor.onUpgraded(connection, peer, accepted)).handleRequest(exchange);
    }

    private static void refuse(final HttpServerExchange exchange, final int status, final String why)
    {
        if (status == StatusCodes.UNAUTHORIZED)
        {
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"ticker\"");
        }
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send(why + "\n");
    }
}
