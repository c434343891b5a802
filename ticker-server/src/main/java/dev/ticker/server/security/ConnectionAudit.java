package dev.ticker.server.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail of the WebSocket: one line when a connection opens and one when it closes, as
 * {@code key=value} pairs on the logger {@value #LOGGER}, so an operator can tell who saw what, from
 * where and for how long. Nothing is logged per tick or per message.
 */
public final class ConnectionAudit
{
    /** The logger the lines go to; the logging configuration may send it to a file of its own. */
    public static final String LOGGER = "ticker.audit";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private ConnectionAudit()
    {
    }

    public static void onOpen(final long session, final String subject, final String address, final Entitlements entitlements)
    {
        LOG.info("event=open session={} subject={} address={} entitlements=\"{}\"", session, quoted(subject), address,
            entitlements.summary());
    }

    public static void onRefresh(final long session, final String subject, final long expiresAtMs)
    {
        LOG.info("event=refresh session={} subject={} expires_ms={}", session, quoted(subject), expiresAtMs);
    }

    public static void onRefused(final String subject, final String address, final String reason)
    {
        LOG.info("event=refused subject={} address={} reason=\"{}\"", quoted(subject), address, reason.replace('"', '\''));
    }

    public static void onClose(
        final long session,
        final String subject,
        final String address,
        final int closeCode,
        final long ticks,
        final long bytes,
        final long durationMs)
    {
        LOG.info("event=close session={} subject={} address={} close_code={} ticks={} bytes={} duration_ms={}",
            session, quoted(subject), address, closeCode, ticks, bytes, durationMs);
    }

    /** A subject as one token of the line: quoted when it holds a space, a quote or an equals sign. */
    private static String quoted(final String subject)
    {
        for (int i = 0; i < subject.length(); i++)
        {
            final char c = subject.charAt(i);
            if (c <= ' ' || c == '"' || c == '=')
            {
                return "\"" + subject.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("\\p{Cntrl}", "?") + "\"";
            }
        }
        return subject;
    }
}
