package dev.ticker.simulator;

/** How the live feed times its ticks. */
public enum Pace
{
    /**
     * Each tick is written when the model's event time comes: bursts and lulls as on a real feed,
     * the configured rate on average.
     */
    MODEL,
    /** Exactly the configured rate, evenly spread, each tick stamped with the time it is written. */
    EVEN
}
