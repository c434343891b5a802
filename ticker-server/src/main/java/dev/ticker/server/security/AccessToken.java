package dev.ticker.server.security;

/**
 * A token the server accepted: who it names, until when it holds, and what it entitles.
 *
 * @param subject      the {@code sub} claim: the user or system the market data is licensed to.
 * @param expiresAtMs  the {@code exp} claim, epoch milliseconds.
 * @param entitlements what the subject may see and do.
 */
public record AccessToken(String subject, long expiresAtMs, Entitlements entitlements)
{
    /** What a connection to a server without authentication holds: anyone, never expiring, everything. */
    public static final AccessToken ANONYMOUS = new AccessToken("-", Long.MAX_VALUE, Entitlements.ALL);
}
