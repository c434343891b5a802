package dev.ticker.server.security;

import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.ErrorCode;
import dev.ticker.proto.v1.RefreshToken;


/**
 * The security of one WebSocket connection, on its IO thread: the token it holds, each request held
 * to that token's entitlements before the stream sees it, the token's expiry (the connection is
 * closed with {@code TOKEN_EXPIRED} and close code {@value #CLOSE_TOKEN_EXPIRED} unless a
 * {@code RefreshToken} with a fresh token for the same subject came first), and its audit lines.
 */
public final class ConnectionGuard
{
    /** The close code of a connection whose token expired: an application code (RFC 6455 section 7.4.2). */
    public static final int CLOSE_TOKEN_EXPIRED = 4001;

    /** What the guard needs of its connection; implemented on the connection's IO thread. */
    public interface Client
    {
        /** Sends an Error; the connection stays open. */
        void sendError(ErrorCode code, String text, int requestId);

        /** Sends the Error, then closes with {@code closeCode}. */
        void closeWithError(ErrorCode code, int closeCode, String text);

        /** Runs {@code task} on the connection's IO thread after the delay; returns a handle that cancels it. */
        Runnable schedule(Runnable task, long delayMs);

        /** Ticks and bytes sent so far, for the audit line. */
        long ticksSent();

        long bytesSent();
    }

    private final ConnectionGuards guards;
    private final long sessionId;
    private final String address;
    private final long openedAtMs;
    private final Runnable onExpiryCheck = this::onExpiryCheck;
    private AccessToken token;
    private Client client;
    private Runnable expiryTimer;
    private boolean closed;

    ConnectionGuard(final ConnectionGuards guards, final AccessToken token, final long sessionId, final String address)
    {
        this.guards = guards;
        this.token = token;
        this.sessionId = sessionId;
        this.address = address;
        this.openedAtMs = guards.epochMs();
    }

    public AccessToken token()
    {
        return token;
    }

    /** The connection is open: the expiry clock starts and the audit line is written. */
    public void start(final Client client)
    {
        this.client = client;
        ConnectionAudit.onOpen(sessionId, token.subject(), address, token.entitlements());
        scheduleExpiry();
    }

    /**
     * Holds a client message to the entitlements.
     *
     * @return the message to hand to the stream (possibly with fewer symbols), or null when nothing is left to hand on.
     */
    public ClientMessage admit(final ClientMessage message)
    {
        if (message.getBodyCase() == ClientMessage.BodyCase.REFRESH_TOKEN)
        {
            onRefresh(message.getRefreshToken());
            return null;
        }
        final RequestEntitlements.Verdict verdict = guards.requests().check(message, token, guards.epochMs() * 1_000_000L);
        if (null != verdict.refusal())
        {
            client.sendError(ErrorCode.ERROR_CODE_NOT_ENTITLED, verdict.refusal(), verdict.requestId());
        }
        return verdict.message();
    }

    /** The connection has ended: stops the expiry clock, frees the subject's slot and writes the audit line. */
    public void onClosed(final int closeCode)
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (null != expiryTimer)
        {
            expiryTimer.run();
            expiryTimer = null;
        }
        guards.release(token);
        ConnectionAudit.onClose(sessionId, token.subject(), address, closeCode,
            null == client ? 0 : client.ticksSent(), null == client ? 0 : client.bytesSent(), guards.epochMs() - openedAtMs);
    }

    private void onRefresh(final RefreshToken request)
    {
        final TokenVerifier verifier = guards.verifier();
        if (null == verifier)
        {
            client.sendError(ErrorCode.ERROR_CODE_INVALID_TOKEN, "this server checks no tokens (--auth none)", request.getRequestId());
            return;
        }
        final AccessToken fresh;
        try
        {
            fresh = verifier.verify(request.getToken());
        }
        catch (final TokenRejectedException ex)
        {
            client.sendError(ErrorCode.ERROR_CODE_INVALID_TOKEN, "token refused: " + ex.getMessage(), request.getRequestId());
            return;
        }
        if (!fresh.subject().equals(token.subject()))
        {
            client.sendError(ErrorCode.ERROR_CODE_INVALID_TOKEN, "the token is for subject " + fresh.subject() +
                ", this connection's is " + token.subject(), request.getRequestId());
            return;
        }
        token = fresh;
        ConnectionAudit.onRefresh(sessionId, token.subject(), token.expiresAtMs());
        scheduleExpiry();
    }

    private void scheduleExpiry()
    {
        if (null != expiryTimer)
        {
            expiryTimer.run();
            expiryTimer = null;
        }
        if (token.expiresAtMs() == Long.MAX_VALUE || closed)
        {
            return;
        }
        expiryTimer = client.schedule(onExpiryCheck, Math.max(0, token.expiresAtMs() - guards.epochMs()));
    }

    private void onExpiryCheck()
    {
        expiryTimer = null;
        if (closed)
        {
            return;
        }
        final long nowMs = guards.epochMs();
        if (nowMs < token.expiresAtMs())
        {
            // the IO thread's timer may fire a little early: look again at the expiry
            expiryTimer = client.schedule(onExpiryCheck, token.expiresAtMs() - nowMs);
            return;
        }
        client.closeWithError(ErrorCode.ERROR_CODE_TOKEN_EXPIRED, CLOSE_TOKEN_EXPIRED, "the token of subject " + token.subject() +
            " expired at " + java.time.Instant.ofEpochMilli(token.expiresAtMs()) + "; connect again with a fresh token, " +
            "or send RefreshToken before it expires");
    }

}
