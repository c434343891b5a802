package dev.ticker.simulator;

import dev.ticker.proto.v1.Instrument;

/**
 * An instrument as the simulator sees it: the facts every journal reader gets ({@link Instrument},
 * stored in the journal's catalogue) plus the parameters only the market model needs, which stay
 * in the simulator's instrument file.
 *
 * @param instrument         the catalogue facts: symbol, session hours, price increment, lot size...
 * @param exchange           the listing exchange's code (e.g. XNYS), for people reading the file.
 * @param volatility         annualised volatility of the log price over 252 sessions (0.25 is 25%).
 * @param averageDailyVolume units traded in a session at activity 1.
 * @param hours              the venue's regular hours, for a live feed on venue hours.
 */
public record SimulatedInstrument(Instrument instrument, String exchange, double volatility, long averageDailyVolume, VenueHours hours)
{
    /** Annualised volatility of an instrument file line that does not give one. */
    public static final double DEFAULT_VOLATILITY = 0.25;
    /** Average daily volume of an instrument file line that does not give one. */
    public static final long DEFAULT_AVERAGE_DAILY_VOLUME = 1_000_000;

    public String symbol()
    {
        return instrument.getSymbol();
    }

    /** The same instrument with the catalogue facts (and so the id) that a journal gave it. */
    public SimulatedInstrument withInstrument(final Instrument catalogued)
    {
        return new SimulatedInstrument(catalogued, exchange, volatility, averageDailyVolume, hours);
    }
}
