package dev.ticker.server.session;

import dev.ticker.proto.v1.ClientMessage;
import dev.ticker.proto.v1.ErrorCode;

/**
 * What Undertow's IO threads tell the stream agent about a connection. The agent is the only
 * thread that acts on sessions; IO threads only enqueue these.
 */
public sealed interface SessionCommand
{
    Session session();

    /** A WebSocket connection was established. */
    record Opened(Session session) implements SessionCommand
    {
    }

    /** A well-formed client message arrived. */
    record Received(Session session, ClientMessage message) implements SessionCommand
    {
    }

    /** The client broke the protocol: tell it why, then close with {@code closeCode}. */
    record Violation(Session session, ErrorCode code, int closeCode, String text) implements SessionCommand
    {
    }

    /** The connection closed, for whatever reason. */
    record Closed(Session session) implements SessionCommand
    {
    }
}
