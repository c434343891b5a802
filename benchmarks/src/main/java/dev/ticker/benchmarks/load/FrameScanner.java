package dev.ticker.benchmarks.load;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import dev.ticker.proto.v1.DataBatch;
import dev.ticker.proto.v1.Error;
import dev.ticker.proto.v1.Heartbeat;
import dev.ticker.proto.v1.Quote;
import dev.ticker.proto.v1.ServerMessage;
import dev.ticker.proto.v1.Snapshot;
import dev.ticker.proto.v1.StatusChange;
import dev.ticker.proto.v1.Tick;
import dev.ticker.proto.v1.Trade;

import java.io.IOException;

/**
 * Reads the parts of a {@code ServerMessage} frame a load test needs — the sequence range of a data
 * batch, the event time of each tick, heartbeats, errors — straight from the wire format with
 * protobuf's {@link CodedInputStream}, so that a client can keep up with millions of ticks a second
 * without building message objects. Field numbers come from the generated classes.
 */
final class FrameScanner
{
    private FrameScanner()
    {
    }

    /**
     * Scans one complete frame into {@code stats}.
     *
     * @param receiveEpochNs when the frame arrived, on the same clock as the ticks' event times.
     * @throws IOException when the frame is not a valid {@code ServerMessage}.
     */
    static void scan(final byte[] frame, final int length, final long receiveEpochNs, final ClientStats stats)
        throws IOException
    {
        final CodedInputStream in = CodedInputStream.newInstance(frame, 0, length);
        stats.onFrame(length);
        int tag;
        while ((tag = in.readTag()) != 0)
        {
            switch (WireFormat.getTagFieldNumber(tag))
            {
                case ServerMessage.DATA_FIELD_NUMBER -> dataBatch(in, receiveEpochNs, stats);
                case ServerMessage.HEARTBEAT_FIELD_NUMBER -> heartbeat(in, stats);
                case ServerMessage.SNAPSHOT_FIELD_NUMBER -> snapshot(in, stats);
                case ServerMessage.ERROR_FIELD_NUMBER -> stats.onError(Error.parseFrom(in.readBytes()).getCode());
                default -> in.skipField(tag);
            }
        }
    }

    private static void dataBatch(final CodedInputStream in, final long receiveEpochNs, final ClientStats stats)
        throws IOException
    {
        final int limit = in.pushLimit(in.readRawVarint32());
        long first = 0;
        long last = 0;
        long conflated = 0;
        int ticks = 0;
        int tag;
        while ((tag = in.readTag()) != 0)
        {
            switch (WireFormat.getTagFieldNumber(tag))
            {
                case DataBatch.FIRST_SEQUENCE_FIELD_NUMBER -> first = in.readUInt64();
                case DataBatch.LAST_SEQUENCE_FIELD_NUMBER -> last = in.readUInt64();
                case DataBatch.CONFLATED_FIELD_NUMBER -> conflated = in.readUInt64();
                case DataBatch.TICKS_FIELD_NUMBER ->
                {
                    final long eventTimeNs = tick(in);
                    if (eventTimeNs != 0)
                    {
                        stats.onLatency(receiveEpochNs - eventTimeNs);
                    }
                    ticks++;
                }
                default -> in.skipField(tag);
            }
        }
        in.popLimit(limit);
        stats.onDataBatch(first, last, ticks, conflated, receiveEpochNs);
    }

    /** Returns the event time of the tick, 0 when it has none. */
    private static long tick(final CodedInputStream in) throws IOException
    {
        final int limit = in.pushLimit(in.readRawVarint32());
        long eventTimeNs = 0;
        int tag;
        while ((tag = in.readTag()) != 0)
        {
            final int field = WireFormat.getTagFieldNumber(tag);
            if (field == Tick.TRADE_FIELD_NUMBER || field == Tick.QUOTE_FIELD_NUMBER || field == Tick.STATUS_FIELD_NUMBER)
            {
                eventTimeNs = eventTime(in);
            }
            else
            {
                in.skipField(tag);
            }
        }
        in.popLimit(limit);
        return eventTimeNs;
    }

    private static long eventTime(final CodedInputStream in) throws IOException
    {
        // the event time is field 3 in Trade, Quote and StatusChange alike
        final int limit = in.pushLimit(in.readRawVarint32());
        long eventTimeNs = 0;
        int tag;
        while ((tag = in.readTag()) != 0)
        {
            if (WireFormat.getTagFieldNumber(tag) == Trade.EVENT_TIME_NS_FIELD_NUMBER)
            {
                eventTimeNs = in.readInt64();
            }
            else
            {
                in.skipField(tag);
            }
        }
        in.popLimit(limit);
        return eventTimeNs;
    }

    private static void heartbeat(final CodedInputStream in, final ClientStats stats) throws IOException
    {
        final int limit = in.pushLimit(in.readRawVarint32());
        long head = 0;
        long scanned = 0;
        int tag;
        while ((tag = in.readTag()) != 0)
        {
            switch (WireFormat.getTagFieldNumber(tag))
            {
                case Heartbeat.HEAD_SEQUENCE_FIELD_NUMBER -> head = in.readUInt64();
                case Heartbeat.SCANNED_SEQUENCE_FIELD_NUMBER -> scanned = in.readUInt64();
                default -> in.skipField(tag);
            }
        }
        in.popLimit(limit);
        stats.onHeartbeat(head, scanned);
    }

    private static void snapshot(final CodedInputStream in, final ClientStats stats) throws IOException
    {
        final int limit = in.pushLimit(in.readRawVarint32());
        boolean complete = false;
        int tag;
        while ((tag = in.readTag()) != 0)
        {
            if (WireFormat.getTagFieldNumber(tag) == Snapshot.COMPLETE_FIELD_NUMBER)
            {
                complete = in.readBool();
            }
            else
            {
                in.skipField(tag);
            }
        }
        in.popLimit(limit);
        if (complete)
        {
            stats.onSnapshotComplete();
        }
    }

    static
    {
        // the scanner reads the event time as field 3 of every tick kind; fail loudly if the schema moves it
        if (Trade.EVENT_TIME_NS_FIELD_NUMBER != Quote.EVENT_TIME_NS_FIELD_NUMBER ||
            Trade.EVENT_TIME_NS_FIELD_NUMBER != StatusChange.EVENT_TIME_NS_FIELD_NUMBER)
        {
            throw new IllegalStateException("event_time_ns has different field numbers in Trade, Quote and StatusChange");
        }
    }
}
