package dev.ticker.simulator;

/** When the live feed lets an instrument trade. */
public enum MarketHours
{
    /**
     * Every instrument trades from the start, whatever the hour, with the intraday curve repeating
     * every {@code dayMinutes}: a constant load for tests, benchmarks and the fleet.
     */
    ALWAYS,
    /**
     * Each instrument trades only in its venue's regular hours ({@link VenueHours}: time zone,
     * weekdays, lunch break) and is CLOSED outside them; the rate is shared by the instruments in
     * session. The demo's default.
     */
    VENUE
}
