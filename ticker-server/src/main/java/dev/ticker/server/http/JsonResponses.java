package dev.ticker.server.http;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * JSON answers of the HTTP API: messages of the schema in the proto3 JSON mapping (so a client can
 * parse them with the same generated code as the socket's frames), and errors as
 * {@code {"error": "what, where, why"}}.
 */
final class JsonResponses
{
    /** Every field printed, defaults included, so that a client never meets a missing number. */
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().alwaysPrintFieldsWithNoPresence();

    private JsonResponses()
    {
    }

    static void send(final HttpServerExchange exchange, final MessageOrBuilder message) throws InvalidProtocolBufferException
    {
        send(exchange, 200, PRINTER.print(message) + "\n");
    }

    /** The message as the answers print it, for a handler that rewrites it before sending ({@link #sendJson}). */
    static String print(final MessageOrBuilder message) throws InvalidProtocolBufferException
    {
        return PRINTER.print(message);
    }

    static void sendJson(final HttpServerExchange exchange, final String json)
    {
        send(exchange, 200, json + "\n");
    }

    static void sendError(final HttpServerExchange exchange, final int status, final String message)
    {
        send(exchange, status, "{\"error\": " + quote(message) + "}\n");
    }

    private static void send(final HttpServerExchange exchange, final int status, final String body)
    {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(body);
    }

    static String quote(final String text)
    {
        final StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        out.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
