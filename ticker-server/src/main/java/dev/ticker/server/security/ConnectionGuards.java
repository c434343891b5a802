package dev.ticker.server.security;

import java.util.function.LongSupplier;

/**
 * What every connection's {@link ConnectionGuard} shares: the token verifier (none on a server
 * without authentication), the instruments behind entitlement checks, the per-subject connection
 * counts and the wall clock that tokens expire by.
 */
public final class ConnectionGuards
{
    private final TokenVerifier verifier;
    private final RequestEntitlements requests;
    private final SubjectConnections subjects = new SubjectConnections();
    private final LongSupplier epochMs;

    /**
     * @param verifier    checks tokens sent in RefreshToken; null when the server checks none.
     * @param epochMs     the wall clock, epoch milliseconds.
     */
    public ConnectionGuards(final TokenVerifier verifier, final InstrumentDirectory instruments, final LongSupplier epochMs)
    {
        this.verifier = verifier;
        this.requests = new RequestEntitlements(instruments);
        this.epochMs = epochMs;
    }

    /**
     * A guard for a new connection with this token, or null when its subject already holds as many
     * connections as its {@code max_connections} entitlement allows.
     */
    public ConnectionGuard open(final AccessToken token, final long sessionId, final String address)
    {
        if (!subjects.tryAcquire(token.subject(), token.entitlements().maxConnections()))
        {
            ConnectionAudit.onRefused(token.subject(), address, "max_connections " + token.entitlements().maxConnections());
            return null;
        }
        return new ConnectionGuard(this, token, sessionId, address);
    }

    public SubjectConnections subjects()
    {
        return subjects;
    }

    TokenVerifier verifier()
    {
        return verifier;
    }

    RequestEntitlements requests()
    {
        return requests;
    }

    long epochMs()
    {
        return epochMs.getAsLong();
    }

    void release(final AccessToken token)
    {
        subjects.release(token.subject());
    }
}
