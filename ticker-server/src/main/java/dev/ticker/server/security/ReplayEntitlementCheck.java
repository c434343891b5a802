package dev.ticker.server.security;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * Guards an HTTP read that only serves replays ({@code /api/journal}: where a replay can start): a
 * token without the replay entitlement gets 403 {@code NOT_ENTITLED}.
 */
public final class ReplayEntitlementCheck implements HttpHandler
{
    private static final int FORBIDDEN = 403;

    private final HttpHandler next;

    public ReplayEntitlementCheck(final HttpHandler next)
    {
        this.next = next;
    }

    @Override
    public void handleRequest(final HttpServerExchange exchange) throws Exception
    {
        if (!RequestAccess.of(exchange).entitlements().replay())
        {
            HttpAuthentication.sendJson(exchange, FORBIDDEN, "NOT_ENTITLED: replay is not entitled for subject " +
                RequestAccess.of(exchange).subject());
            return;
        }
        next.handleRequest(exchange);
    }
}
