package dev.ticker.journal;

/**
 * The binary layout of one tick record in the journal: the single place that names its offsets.
 * Every record is one Chronicle Queue document of exactly {@link #LENGTH} bytes, little-endian:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     sequence (int64)                          |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 event time, epoch ns (int64)                  |  8
 *  |                                                               |
 *  +---------------+---------------+-------------------------------+
 *  |  type (int8)  | side / status |     reserved, zero (int16)    | 16
 *  +---------------+---------------+-------------------------------+
 *  |                   instrument id (int32)                       | 20
 *  +---------------------------------------------------------------+
 *  |  trade: price / quote: bid price (int64, price units); else 0 | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |  trade: size  / quote: bid size (int64); else 0               | 32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |        quote: ask price (int64, price units); trade: zero     | 40
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |        quote: ask size (int64); trade: zero                   | 48
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |        checksum: CRC32C of bytes 0..55 (int32)                | 56
 *  +---------------------------------------------------------------+
 *  |                   reserved, zero (int32)                      | 60
 *  +---------------------------------------------------------------+ 64
 * </pre>
 *
 * <p>The checksum lets every reader tell a damaged record (a torn write, zeros or garbage over the
 * file) from a real one, so that damage is reported and never served as data. Journals written
 * before the checksum hold records of {@link #LENGTH_WITHOUT_CHECKSUM} bytes (offsets 0..55 as
 * above): they are still read, with the sequence check but without the checksum check.
 *
 * <p>The sequence is the journal's public, contiguous record number (+1 per record, surviving
 * writer restarts); Chronicle's own index is not contiguous across roll cycles and stays internal.
 * Prices are integers in units of 10^-priceDecimals of the instrument. A status record
 * ({@link #TYPE_STATUS}) carries the instrument's new trading status in the side byte, with the
 * numbers of the {@code TradingStatus} enum of the wire protocol, and zero in every price field.
 */
public final class TickDescriptor
{
    public static final int SEQUENCE_OFFSET = 0;
    public static final int EVENT_TIME_OFFSET = 8;
    public static final int TYPE_OFFSET = 16;
    public static final int SIDE_OFFSET = 17;
    public static final int RESERVED_OFFSET = 18;
    public static final int INSTRUMENT_ID_OFFSET = 20;
    public static final int PRICE_OFFSET = 24;
    public static final int SIZE_OFFSET = 32;
    public static final int ASK_PRICE_OFFSET = 40;
    public static final int ASK_SIZE_OFFSET = 48;
    public static final int CHECKSUM_OFFSET = 56;
    public static final int RESERVED2_OFFSET = 60;
    /** Bytes covered by the checksum: every field before it. */
    public static final int CHECKSUMMED_LENGTH = CHECKSUM_OFFSET;
    public static final int LENGTH = 64;
    /** The length of a record written before records carried a checksum. */
    public static final int LENGTH_WITHOUT_CHECKSUM = 56;

    /** A last trade: price and size, with the aggressor side. */
    public static final byte TYPE_TRADE = 1;
    /** A best bid and offer. */
    public static final byte TYPE_QUOTE = 2;
    /** A change of an instrument's trading status (halt, resume, session close). */
    public static final byte TYPE_STATUS = 3;

    public static final byte SIDE_UNKNOWN = 0;
    public static final byte SIDE_BUY = 1;
    public static final byte SIDE_SELL = 2;

    /** Trading status codes of a {@link #TYPE_STATUS} record, equal to the wire protocol's. */
    public static final byte STATUS_TRADING = 1;
    public static final byte STATUS_HALTED = 2;
    public static final byte STATUS_CLOSED = 3;

    /** The sequence before the first record: an empty journal's head. */
    public static final long NO_SEQUENCE = 0;

    private TickDescriptor()
    {
    }
}
