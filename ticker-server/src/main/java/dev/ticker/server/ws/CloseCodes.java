package dev.ticker.server.ws;

/** The RFC 6455 §7.4 close status codes the server sends or checks, named once. */
public final class CloseCodes
{
    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int UNSUPPORTED_DATA = 1003;
    /** Never on the wire: the close frame carried no code. */
    public static final int NO_STATUS = 1005;
    /** Never on the wire: the connection ended without a close frame. */
    public static final int ABNORMAL = 1006;
    public static final int INVALID_PAYLOAD = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int MESSAGE_TOO_BIG = 1009;
    public static final int INTERNAL_ERROR = 1011;

    private CloseCodes()
    {
    }

    /** Whether {@code code} may appear in a close frame received from a peer (RFC 6455 §7.4.1, §7.4.2). */
    public static boolean isValidOnWire(final int code)
    {
        if (code >= 3000 && code <= 4999)
        {
            return true;
        }
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014);
    }
}
