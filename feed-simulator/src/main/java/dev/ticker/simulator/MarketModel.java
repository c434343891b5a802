package dev.ticker.simulator;

import dev.ticker.journal.Tick;
import dev.ticker.journal.TickDescriptor;
import dev.ticker.proto.v1.Instrument;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A market that moves like one, as a stream of trades, quotes and status changes in event-time
 * order. Pure and seeded: no clock and no I/O, so the same instruments, schedule, seed and
 * activity give the same ticks, and a test can drive it directly. Allocates nothing per tick.
 * Not thread-safe.
 *
 * <p>How it moves:
 * <ul>
 *   <li><b>Correlated log-returns.</b> A market factor and one factor per sector are Brownian
 *       motions in event time; an instrument's return since its last quote is its volatility times
 *       {@code A_MARKET·ΔF_market + A_SECTOR·ΔF_sector + A_IDIO·ΔW_own}, so two instruments of one
 *       sector correlate by about {@code A_MARKET² + A_SECTOR²}, of two sectors by {@code A_MARKET²}.</li>
 *   <li><b>Volatility clusters.</b> A market regime and one regime per instrument switch between
 *       calm and busy levels (held for tens of minutes); they scale price moves, spreads and how
 *       often the instrument trades. The levels are normalised so the mean variance stays the
 *       configured one.</li>
 *   <li><b>Intraday U-shape.</b> {@link IntradayCurve} scales arrivals and variance over the session.</li>
 *   <li><b>Jumps</b> are rare (a few per instrument per month, and rarer market-wide ones); a large
 *       one halts the instrument for {@link #HALT_NS} before it trades again.</li>
 *   <li><b>Quotes</b> sit around the mid with a spread of at least one increment that widens with
 *       the current volatility; prices are always on the increment and the bid always below the
 *       ask. <b>Trades</b> print at the prevailing bid or ask with the aggressor side set, more
 *       often on the side the price just moved to; sizes are whole lots with a heavy (Pareto) tail.</li>
 *   <li><b>Sessions</b> come from a {@link SessionSchedule}: a TRADING status at each open, CLOSED
 *       at each close, and a gap at the open from the previous close.</li>
 * </ul>
 */
public final class MarketModel
{
    /** Loadings on the market and sector factors and the instrument's own noise; squares sum to 1. */
    static final double A_MARKET = Math.sqrt(0.30);
    static final double A_SECTOR = Math.sqrt(0.20);
    static final double A_IDIO = Math.sqrt(0.50);

    /** Sessions in a year, for turning annual volatility into volatility per session. */
    static final double SESSIONS_PER_YEAR = 252;
    /** Share of quote updates among trade and quote arrivals. */
    static final double QUOTE_SHARE = 0.75;
    /** Units in a round lot; a trade of fewer units is an odd lot. */
    static final long ROUND_LOT_UNITS = 100;
    /** Tail exponent of trade sizes in round lots: P(size > x) ~ x^-1.6. */
    static final double TRADE_SIZE_ALPHA = 1.6;
    static final long MAX_TRADE_ROUND_LOTS = 2_000;

    /** Expected jumps per instrument per session, and the share of the session variance they carry. */
    static final double JUMPS_PER_SESSION = 0.2;
    static final double JUMP_VARIANCE_SHARE = 0.1;
    /** A jump of more than this many jump standard deviations halts the instrument. */
    static final double HALT_JUMP_Z = 1.6;
    static final long HALT_NS = 5L * 60 * 1_000_000_000L;
    /** Market-wide jumps per 6.5 hours, and their size in standard deviations of a session's market move. */
    static final double MARKET_JUMPS_PER_SESSION = 0.1;
    static final double MARKET_JUMP_SD = 0.4;
    /** Standard deviation of the gap at a session's open, in standard deviations of a session's move. */
    static final double OPEN_GAP_SD = 0.3;

    /** Spread in price units is about this many one-second moves, plus one increment. */
    static final double SPREAD_PER_SECOND_MOVE = 0.4;


    /** floor(exp(x)) on a grid of x = E / alpha (E exponential): a Pareto draw without a transcendental call. */
    private static final int PARETO_STEPS_PER_UNIT = 512;
    private static final long[] PARETO_ROUND_LOTS = paretoTable();

    /** Regimes scale activity by their level over its mean, so that the mean arrival rate is the configured one. */
    private static final double ACTIVITY_PER_LEVEL = 1 / (VolatilityRegime.MARKET.meanLevel() * VolatilityRegime.INSTRUMENT.meanLevel());

    private static final double REFERENCE_SESSION_SECONDS = 6.5 * 3600;
    private static final double NS = 1e-9;
    private static final double MAX_ARRIVAL_GAP_NS = 3600e9;

    private static final byte WAITING = 0;
    private static final byte OPEN = 1;
    private static final byte HALTED = 2;
    private static final byte DONE = 3;
    /** Closed at the start of a live schedule of venue hours: says so (CLOSED), then waits. */
    private static final byte ANNOUNCE_CLOSED = 4;

    private final SplittableRandom random;
    private final SessionSchedule schedule;

    // facts per instrument
    private final int[] instrumentId;
    private final long[] increment;
    private final long[] lotSize;
    private final long[] roundLotLots;
    private final int[] sector;
    private final double[] sigmaPerSqrtSecond;
    private final double[] sessionSigma;
    private final double[] jumpSigma;
    private final double[] jumpRatePerNs;
    private final double[] arrivalRatePerNs;
    private final double[] minMid;

    // state per instrument
    private final byte[] state;
    private final int[] session;
    private final long[] closeNs;
    private final long[] curveOriginNs;
    private final double[] curvePeriodNs;
    private final long[] nextTimeNs;
    private final double[] mid;
    private final long[] lastQuoteNs;
    private final double[] lastMarketFactor;
    private final double[] lastSectorFactor;
    private final double[] lastMoveZ;
    private final long[] bidTicks;
    private final long[] askTicks;
    private final boolean[] needQuote;
    private final long[] nextJumpNs;
    private final double[] idioLevel;
    private final long[] nextIdioSwitchNs;

    // market and sector factors
    private double marketFactor;
    private long marketTimeNs;
    private double marketLevel;
    private long nextMarketSwitchNs;
    private long nextMarketJumpNs;
    private final double[] sectorFactor;
    private final long[] sectorTimeNs;

    private final EventQueue events;

    // live venue hours: the instruments in session share the arrival rate of all
    private final boolean liveHours;
    private double allRatePerNs;
    private double rateScale = 1;

    /**
     * @param instruments the instruments, with the ids that the journal's catalogue gave them.
     * @param schedule    when each of them trades, in the same order.
     * @param seed        the seed: the same seed gives the same ticks.
     * @param activity    scales the number of trades and quotes: 1 trades each instrument's average
     *                    daily volume in a session.
     */
    public MarketModel(final List<SimulatedInstrument> instruments, final SessionSchedule schedule, final long seed, final double activity)
    {
        this(instruments, schedule, seed, activity, false);
    }

    /**
     * @param liveHours the schedule is a live one of venue hours ({@link SessionSchedule#venue}): an
     *                  instrument closed at its start gets a CLOSED status then, and the instruments
     *                  in session share the arrivals of all, so that the feed's rate holds whichever
     *                  venues are open.
     */
    public MarketModel(
        final List<SimulatedInstrument> instruments, final SessionSchedule schedule, final long seed, final double activity,
        final boolean liveHours)
    {
        if (instruments.isEmpty())
        {
            throw new IllegalArgumentException("the model needs at least one instrument");
        }
        if (schedule.instrumentCount() != instruments.size())
        {
            throw new IllegalArgumentException("the schedule has " + schedule.instrumentCount() + " instruments, not " + instruments.size());
        }
        if (!(activity > 0))
        {
            throw new IllegalArgumentException("activity=" + activity + ": must be above 0");
        }
        final int n = instruments.size();
        this.random = new SplittableRandom(seed);
        this.schedule = schedule;
        instrumentId = new int[n];
        increment = new long[n];
        lotSize = new long[n];
        roundLotLots = new long[n];
        sector = new int[n];
        sigmaPerSqrtSecond = new double[n];
        sessionSigma = new double[n];
        jumpSigma = new double[n];
        jumpRatePerNs = new double[n];
        arrivalRatePerNs = new double[n];
        minMid = new double[n];
        state = new byte[n];
        session = new int[n];
        closeNs = new long[n];
        curveOriginNs = new long[n];
        curvePeriodNs = new double[n];
        nextTimeNs = new long[n];
        mid = new double[n];
        lastQuoteNs = new long[n];
        lastMarketFactor = new double[n];
        lastSectorFactor = new double[n];
        lastMoveZ = new double[n];
        bidTicks = new long[n];
        askTicks = new long[n];
        needQuote = new boolean[n];
        nextJumpNs = new long[n];
        idioLevel = new double[n];
        nextIdioSwitchNs = new long[n];

        final Map<String, Integer> sectors = new HashMap<>();
        final long start = schedule.firstOpenNs();
        for (int i = 0; i < n; i++)
        {
            final SimulatedInstrument simulated = instruments.get(i);
            final Instrument instrument = simulated.instrument();
            instrumentId[i] = instrument.getId();
            increment[i] = instrument.getPriceIncrement();
            lotSize[i] = instrument.getLotSize();
            roundLotLots[i] = Math.max(1, ROUND_LOT_UNITS / lotSize[i]);
            sector[i] = sectors.computeIfAbsent(instrument.getSector(), s -> sectors.size());
            final double sessionSeconds = (instrument.getSessionCloseMinute() - instrument.getSessionOpenMinute()) * 60.0;
            sessionSigma[i] = simulated.volatility() / Math.sqrt(SESSIONS_PER_YEAR);
            sigmaPerSqrtSecond[i] = sessionSigma[i] * Math.sqrt((1 - JUMP_VARIANCE_SHARE) / sessionSeconds);
            jumpSigma[i] = sessionSigma[i] * Math.sqrt(JUMP_VARIANCE_SHARE / JUMPS_PER_SESSION);
            jumpRatePerNs[i] = JUMPS_PER_SESSION / (sessionSeconds * 1e9);
            final double tradesPerSession = activity * simulated.averageDailyVolume() / (meanTradeLots(roundLotLots[i]) * lotSize[i]);
            arrivalRatePerNs[i] = tradesPerSession / (1 - QUOTE_SHARE) / (sessionSeconds * 1e9);
            mid[i] = instrument.getReferencePrice();
            minMid[i] = 2.0 * increment[i];
            state[i] = WAITING;
            nextTimeNs[i] = schedule.openNs(i, 0);
            idioLevel[i] = VolatilityRegime.INSTRUMENT.initialLevel();
            nextIdioSwitchNs[i] = VolatilityRegime.INSTRUMENT.nextSwitchNs(start, random);
            nextJumpNs[i] = start + (long)(random.nextExponential() / jumpRatePerNs[i]);
        }
        sectorFactor = new double[sectors.size()];
        sectorTimeNs = new long[sectors.size()];
        Arrays.fill(sectorTimeNs, start);
        marketTimeNs = start;
        marketLevel = VolatilityRegime.MARKET.initialLevel();
        nextMarketSwitchNs = VolatilityRegime.MARKET.nextSwitchNs(start, random);
        nextMarketJumpNs = start + (long)(random.nextExponential() * REFERENCE_SESSION_SECONDS * 1e9 / MARKET_JUMPS_PER_SESSION);
        this.liveHours = liveHours;
        if (liveHours)
        {
            for (int i = 0; i < n; i++)
            {
                allRatePerNs += arrivalRatePerNs[i];
                if (schedule.openNs(i, 0) > schedule.startNs())
                {
                    state[i] = ANNOUNCE_CLOSED;
                    nextTimeNs[i] = schedule.startNs();
                }
            }
        }
        events = new EventQueue(nextTimeNs);
    }

    /**
     * The trade and quote arrivals per second of all instruments together at mean activity, when
     * all are open: what a live feed at {@code activity} writes per second on average.
     */
    public static double meanTicksPerSecond(final List<SimulatedInstrument> instruments, final double activity)
    {
        double perSecond = 0;
        for (final SimulatedInstrument simulated : instruments)
        {
            final Instrument instrument = simulated.instrument();
            final long lots = Math.max(1, ROUND_LOT_UNITS / instrument.getLotSize());
            final double sessionSeconds = (instrument.getSessionCloseMinute() - instrument.getSessionOpenMinute()) * 60.0;
            perSecond += activity * simulated.averageDailyVolume() / (meanTradeLots(lots) * instrument.getLotSize()) /
                (1 - QUOTE_SHARE) / sessionSeconds;
        }
        return perSecond;
    }

    /** The event time of the tick {@link #next(Tick)} gives next; {@link Long#MAX_VALUE} after the last session. */
    public long nextEventTimeNs()
    {
        return nextTimeNs[events.earliest()];
    }

    /**
     * Fills {@code tick} with the next trade, quote or status change, event time included (the
     * sequence is the journal's).
     *
     * @return false, leaving {@code tick} alone, when every session of the schedule has ended.
     */
    public boolean next(final Tick tick)
    {
        final int i = events.earliest();
        final long t = nextTimeNs[i];
        if (t == Long.MAX_VALUE)
        {
            return false;
        }
        switch (state[i])
        {
            case WAITING -> open(i, t, tick);
            case HALTED -> resumeOrClose(i, t, tick);
            case ANNOUNCE_CLOSED -> announceClosed(i, t, tick);
            default -> arrive(i, t, tick);
        }
        events.onEarliestChanged();
        return true;
    }

    private void announceClosed(final int i, final long t, final Tick tick)
    {
        tick.status(t, instrumentId[i], TickDescriptor.STATUS_CLOSED);
        state[i] = WAITING;
        nextTimeNs[i] = schedule.openNs(i, session[i]);
    }

    private void open(final int i, final long t, final Tick tick)
    {
        final int k = session[i];
        state[i] = OPEN;
        onSessionsChanged();
        closeNs[i] = schedule.closeNs(i, k);
        curveOriginNs[i] = schedule.curveOriginNs(i, k);
        curvePeriodNs[i] = schedule.curvePeriodNs(i, k);
        advanceMarket(t);
        advanceSector(sector[i], t);
        lastMarketFactor[i] = marketFactor;
        lastSectorFactor[i] = sectorFactor[sector[i]];
        lastQuoteNs[i] = t;
        if (k > 0)
        {
            moveMid(i, sessionSigma[i] * OPEN_GAP_SD * random.nextGaussian());
        }
        needQuote[i] = true;
        tick.status(t, instrumentId[i], TickDescriptor.STATUS_TRADING);
        scheduleArrival(i, t);
    }

    private void resumeOrClose(final int i, final long t, final Tick tick)
    {
        if (t >= closeNs[i])
        {
            close(i, t, tick);
            return;
        }
        state[i] = OPEN;
        needQuote[i] = true;
        tick.status(t, instrumentId[i], TickDescriptor.STATUS_TRADING);
        scheduleArrival(i, t);
    }

    private void close(final int i, final long t, final Tick tick)
    {
        tick.status(t, instrumentId[i], TickDescriptor.STATUS_CLOSED);
        final int k = session[i] + 1;
        session[i] = k;
        if (k < schedule.sessionCount(i))
        {
            state[i] = WAITING;
            nextTimeNs[i] = schedule.openNs(i, k);
        }
        else
        {
            state[i] = DONE;
            nextTimeNs[i] = Long.MAX_VALUE;
        }
        onSessionsChanged();
    }

    /** With live venue hours: the instruments in session share the rate of all (a few opens and closes a day). */
    private void onSessionsChanged()
    {
        if (!liveHours)
        {
            return;
        }
        double inSessionRatePerNs = 0;
        for (int j = 0; j < state.length; j++)
        {
            inSessionRatePerNs += state[j] == OPEN || state[j] == HALTED ? arrivalRatePerNs[j] : 0;
        }
        rateScale = inSessionRatePerNs > 0 ? allRatePerNs / inSessionRatePerNs : 1;
    }

    /** How much faster than at their own mean the instruments in session arrive (1 unless on live venue hours). */
    public double rateScale()
    {
        return rateScale;
    }

    private void arrive(final int i, final long t, final Tick tick)
    {
        if (t >= closeNs[i])
        {
            close(i, t, tick);
            return;
        }
        if (t >= nextIdioSwitchNs[i])
        {
            idioLevel[i] = VolatilityRegime.INSTRUMENT.drawLevel(random);
            nextIdioSwitchNs[i] = VolatilityRegime.INSTRUMENT.nextSwitchNs(t, random);
        }
        if (needQuote[i] || random.nextDouble() < QUOTE_SHARE)
        {
            if (quote(i, t, tick))
            {
                scheduleArrival(i, t);
            }
        }
        else
        {
            trade(i, t, tick);
            scheduleArrival(i, t);
        }
    }

    /** Moves the mid to {@code t} and quotes around it; false when a large jump halted the instrument instead. */
    private boolean quote(final int i, final long t, final Tick tick)
    {
        final int s = sector[i];
        advanceMarket(t);
        advanceSector(s, t);
        final double phase = phase(i, t);
        final double sigma = sigmaPerSqrtSecond[i] * IntradayCurve.sqrtLevel(phase);
        final double dtSeconds = (t - lastQuoteNs[i]) * NS;
        final double idio = idioLevel[i] * Math.sqrt(dtSeconds) * random.nextGaussian();
        double r = sigma * (A_MARKET * (marketFactor - lastMarketFactor[i]) +
            A_SECTOR * (sectorFactor[s] - lastSectorFactor[i]) + A_IDIO * idio);
        lastMarketFactor[i] = marketFactor;
        lastSectorFactor[i] = sectorFactor[s];
        lastQuoteNs[i] = t;
        boolean halt = false;
        if (t >= nextJumpNs[i])
        {
            final double z = random.nextGaussian();
            r += jumpSigma[i] * z;
            halt = Math.abs(z) > HALT_JUMP_Z;
            nextJumpNs[i] = t + (long)(random.nextExponential() / jumpRatePerNs[i]);
        }
        final double expected = sigma * Math.sqrt(dtSeconds);
        lastMoveZ[i] = expected > 0 ? r / expected : 0;
        moveMid(i, r);
        if (halt)
        {
            state[i] = HALTED;
            nextTimeNs[i] = Math.min(t + HALT_NS, closeNs[i]);
            tick.status(t, instrumentId[i], TickDescriptor.STATUS_HALTED);
            return false;
        }

        final long inc = increment[i];
        final double level = marketLevel * idioLevel[i];
        final double spreadTicksRaw = SPREAD_PER_SECOND_MOVE * sigma * level * mid[i] / inc;
        // the quote's small random choices, from the bits of one draw
        final long bits = random.nextLong();
        long spread = 1 + (long)spreadTicksRaw;
        if ((bits & 7) == 0)
        {
            spread += 1 + ((bits >>> 3) & 1);
        }
        long bid = (long)Math.floor(mid[i] / inc - 0.5 * spread + 0.5);
        if (bid < 1)
        {
            bid = 1;
        }
        bidTicks[i] = bid;
        askTicks[i] = bid + spread;
        needQuote[i] = false;
        tick.quote(t, instrumentId[i], bid * inc, quoteLots(i, bits >>> 4) * lotSize[i], (bid + spread) * inc,
            quoteLots(i, bits >>> 34) * lotSize[i]);
        return true;
    }

    private void trade(final int i, final long t, final Tick tick)
    {
        final double buyProbability = Math.max(0.2, Math.min(0.8, 0.5 + 0.15 * lastMoveZ[i]));
        final boolean buy = random.nextDouble() < buyProbability;
        final long price = (buy ? askTicks[i] : bidTicks[i]) * increment[i];
        tick.trade(t, instrumentId[i], price, tradeLots(i) * lotSize[i], buy ? TickDescriptor.SIDE_BUY : TickDescriptor.SIDE_SELL);
    }

    private void moveMid(final int i, final double logReturn)
    {
        final double r = Math.max(-0.5, Math.min(0.5, logReturn));
        // exp(r) to second order: per-tick returns are tiny, and no transcendental call per tick
        mid[i] = Math.max(minMid[i], mid[i] * (1 + r + 0.5 * r * r));
    }

    private void scheduleArrival(final int i, final long t)
    {
        final double rate = arrivalRatePerNs[i] * rateScale * IntradayCurve.level(phase(i, t)) * marketLevel * idioLevel[i] * ACTIVITY_PER_LEVEL;
        final double gapNs = Math.min(random.nextExponential() / rate, MAX_ARRIVAL_GAP_NS);
        final long next = t + 1 + (long)gapNs;
        nextTimeNs[i] = Math.min(next, closeNs[i]);
    }

    private double phase(final int i, final long t)
    {
        final double period = curvePeriodNs[i];
        final double elapsed = t - curveOriginNs[i];
        final double phase = elapsed / period;
        return phase < 1 ? phase : phase - Math.floor(phase);
    }

    private void advanceMarket(final long t)
    {
        final long dt = t - marketTimeNs;
        if (dt <= 0)
        {
            return;
        }
        marketFactor += marketLevel * Math.sqrt(dt * NS) * random.nextGaussian();
        marketTimeNs = t;
        if (t >= nextMarketJumpNs)
        {
            marketFactor += MARKET_JUMP_SD * Math.sqrt(REFERENCE_SESSION_SECONDS) * random.nextGaussian();
            nextMarketJumpNs = t + (long)(random.nextExponential() * REFERENCE_SESSION_SECONDS * 1e9 / MARKET_JUMPS_PER_SESSION);
        }
        if (t >= nextMarketSwitchNs)
        {
            marketLevel = VolatilityRegime.MARKET.drawLevel(random);
            nextMarketSwitchNs = VolatilityRegime.MARKET.nextSwitchNs(t, random);
        }
    }

    private void advanceSector(final int s, final long t)
    {
        final long dt = t - sectorTimeNs[s];
        if (dt > 0)
        {
            // sectors share the market's regime: busy markets are busy everywhere
            sectorFactor[s] += marketLevel * Math.sqrt(dt * NS) * random.nextGaussian();
            sectorTimeNs[s] = t;
        }
    }

    /** One to five round lots, now and then several times more, from 30 random bits. */
    private long quoteLots(final int i, final long bits)
    {
        final long depth = 1 + (bits & 0xFFFF) % 5;
        final boolean deep = ((bits >>> 16) & 15) == 0;
        return roundLotLots[i] * (deep ? depth * (2 + ((bits >>> 20) & 7)) : depth);
    }

    private long tradeLots(final int i)
    {
        final long roundLot = roundLotLots[i];
        if (roundLot > 1 && random.nextInt(4) == 0)
        {
            return 1 + random.nextInt((int)Math.min(roundLot - 1, Integer.MAX_VALUE - 1));
        }
        // Pareto: floor(U^(-1/alpha)) = floor(exp(E/alpha)) round lots, looked up
        final double x = random.nextExponential() / TRADE_SIZE_ALPHA * PARETO_STEPS_PER_UNIT;
        final long[] table = PARETO_ROUND_LOTS;
        return roundLot * (x < table.length ? table[(int)x] : MAX_TRADE_ROUND_LOTS);
    }

    /** Mean trade size in lots for a round lot of {@code roundLotLots} lots, as {@link #tradeLots(int)} draws them. */
    static double meanTradeLots(final long roundLotLots)
    {
        // E[floor(Pareto(1.6))] is about 2.17 round lots
        final double roundLotTrades = 2.17 * roundLotLots;
        return roundLotLots > 1 ? 0.75 * roundLotTrades + 0.25 * (roundLotLots / 2.0) : roundLotTrades;
    }

    private static long[] paretoTable()
    {
        final int size = (int)Math.ceil(StrictMath.log(MAX_TRADE_ROUND_LOTS + 1.0) * PARETO_STEPS_PER_UNIT);
        final long[] table = new long[size];
        for (int i = 0; i < size; i++)
        {
            table[i] = Math.min(MAX_TRADE_ROUND_LOTS, (long)StrictMath.exp((i + 0.5) / PARETO_STEPS_PER_UNIT));
        }
        return table;
    }
}
