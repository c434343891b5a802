package dev.ticker.server.security;

/**
 * A token the server does not accept, with the reason a client or operator can act on (expired,
 * bad signature, an algorithm this server does not take...). Never carries the token itself, so
 * the reason can be logged and sent back.
 */
public final class TokenRejectedException extends Exception
{
    private static final long serialVersionUID = 1L;

    public TokenRejectedException(final String reason)
    {
        super(reason);
    }

    public TokenRejectedException(final String reason, final Throwable cause)
    {
        super(reason, cause);
    }
}
