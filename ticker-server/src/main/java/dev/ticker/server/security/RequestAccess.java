package dev.ticker.server.security;

import dev.ticker.proto.v1.Instrument;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/**
 * The token an HTTP request was let in with, attached to the exchange by {@link HttpAuthentication}
 * so that the handlers behind it can check its entitlements. A request on a server without
 * authentication has none attached and may see everything.
 */
public final class RequestAccess
{
    static final AttachmentKey<AccessToken> TOKEN = AttachmentKey.create(AccessToken.class);

    private RequestAccess()
    {
    }

    /** The request's token, or {@link AccessToken#ANONYMOUS} when the server checks none. */
    public static AccessToken of(final HttpServerExchange exchange)
    {
        final AccessToken token = exchange.getAttachment(TOKEN);
        return null == token ? AccessToken.ANONYMOUS : token;
    }

    /** Whether the request's token entitles the instrument. */
    public static boolean allows(final HttpServerExchange exchange, final Instrument instrument)
    {
        return allows(of(exchange).entitlements(), instrument);
    }

    /** Whether the entitlements cover the instrument: by symbol, pattern, sector or currency. */
    public static boolean allows(final Entitlements entitlements, final Instrument instrument)
    {
        return entitlements.allows(instrument.getSymbol(), instrument.getSector(), instrument.getCurrency());
    }
}
