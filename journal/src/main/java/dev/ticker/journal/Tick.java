package dev.ticker.journal;

/**
 * A decoded tick record: a mutable flyweight that readers reuse so that reading the journal
 * allocates nothing. Field meanings are those of {@link TickDescriptor}.
 */
public final class Tick
{
    public long sequence;
    public long eventTimeNs;
    public byte type;
    /** The aggressor side of a trade, or the new trading status of a status record. */
    public byte side;
    public int instrumentId;
    /** Trade price, or quote bid price, in price units. */
    public long price;
    /** Trade size, or quote bid size. */
    public long size;
    public long askPrice;
    public long askSize;

    public boolean isTrade()
    {
        return type == TickDescriptor.TYPE_TRADE;
    }

    public boolean isQuote()
    {
        return type == TickDescriptor.TYPE_QUOTE;
    }

    public boolean isStatus()
    {
        return type == TickDescriptor.TYPE_STATUS;
    }

    /** The new trading status of a status record ({@link TickDescriptor#STATUS_TRADING} etc.). */
    public byte status()
    {
        return side;
    }

    public Tick status(final long eventTimeNs, final int instrumentId, final byte status)
    {
        this.type = TickDescriptor.TYPE_STATUS;
        this.eventTimeNs = eventTimeNs;
        this.instrumentId = instrumentId;
        this.side = status;
        this.price = 0;
        this.size = 0;
        this.askPrice = 0;
        this.askSize = 0;
        return this;
    }

    public Tick trade(final long eventTimeNs, final int instrumentId, final long price, final long size, final byte side)
    {
        this.type = TickDescriptor.TYPE_TRADE;
        this.eventTimeNs = eventTimeNs;
        this.instrumentId = instrumentId;
        this.price = price;
        this.size = size;
        this.side = side;
        this.askPrice = 0;
        this.askSize = 0;
        return this;
    }

    public Tick quote(
        final long eventTimeNs,
        final int instrumentId,
        final long bidPrice,
        final long bidSize,
        final long askPrice,
        final long askSize)
    {
        this.type = TickDescriptor.TYPE_QUOTE;
        this.eventTimeNs = eventTimeNs;
        this.instrumentId = instrumentId;
        this.price = bidPrice;
        this.size = bidSize;
        this.askPrice = askPrice;
        this.askSize = askSize;
        this.side = TickDescriptor.SIDE_UNKNOWN;
        return this;
    }

    public Tick copyFrom(final Tick other)
    {
        sequence = other.sequence;
        eventTimeNs = other.eventTimeNs;
        type = other.type;
        side = other.side;
        instrumentId = other.instrumentId;
        price = other.price;
        size = other.size;
        askPrice = other.askPrice;
        askSize = other.askSize;
        return this;
    }

    @Override
    public String toString()
    {
        return (isTrade() ? "Trade" : isQuote() ? "Quote" : isStatus() ? "Status" : "Tick(type=" + type + ")") +
            "{seq=" + sequence + ", timeNs=" + eventTimeNs + ", instrument=" + instrumentId +
            (isQuote() ? ", bid=" + size + "@" + price + ", ask=" + askSize + "@" + askPrice :
                isStatus() ? ", status=" + side : ", price=" + price + ", size=" + size + ", side=" + side) + '}';
    }
}
