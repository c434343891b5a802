package dev.ticker.simulator.importing;

import java.util.List;

/**
 * The columns of a file of trades or of quotes as the importer names them: the one list the
 * header mapping, the row checks and the help texts share.
 */
enum TickColumns
{
    TRADES(List.of("time", "symbol", "price", "size"), List.of("side")),
    QUOTES(List.of("time", "symbol", "bid_price", "bid_size", "ask_price", "ask_size"), List.of());

    /** Every column of either file, for checking a mapping's names. */
    static final List<String> ALL = List.of("time", "symbol", "price", "size", "side", "bid_price", "bid_size", "ask_price", "ask_size");

    private final List<String> required;
    private final List<String> optional;

    TickColumns(final List<String> required, final List<String> optional)
    {
        this.required = required;
        this.optional = optional;
    }

    List<String> required()
    {
        return required;
    }

    List<String> optional()
    {
        return optional;
    }

    /** Required then optional columns: the order of {@link ColumnMapping#resolve} positions. */
    int count()
    {
        return required.size() + optional.size();
    }

    String name(final int column)
    {
        return column < required.size() ? required.get(column) : optional.get(column - required.size());
    }

    /** "time,symbol,price,size[,side]". */
    String describe()
    {
        return String.join(",", required) + (optional.isEmpty() ? "" : "[," + String.join(",", optional) + "]");
    }
}
