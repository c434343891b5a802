/**
 * Calendar days and wall-clock times in an IANA time zone (or the browser's): the trading day of
 * a timestamp, the instant of a local time. Pure arithmetic over Intl, shared by the model (trading
 * days) and the views (formatting); formatters are built once per zone and reused.
 */

/** undefined: the browser's own time zone. */
export type Zone = string | undefined;

const partFormats = new Map<string, Intl.DateTimeFormat>();

/** A zone Intl accepts, else the browser's (undefined). */
export function validZone(zone: Zone): string | undefined {
  if (zone === undefined || zone === '') return undefined;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

/** The calendar date and start of the day that holds `epochMs` in `zone`. */
export interface ZonedDay {
  /** ISO-8601, e.g. "2026-11-20" (the form of DayStats.date). */
  readonly key: string;
  /** Epoch milliseconds of that day's midnight in the zone. */
  readonly startMs: number;
}

export function zonedDay(epochMs: number, zone?: Zone): ZonedDay {
  const parts = zonedParts(epochMs, zone);
  const key = `${String(parts.year).padStart(4, '0')}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`;
  const midnightAsUtc = Date.UTC(parts.year, parts.month - 1, parts.day);
  // the zone's offset at midnight, which differs from now's on the day clocks change
  let startMs = midnightAsUtc - parts.offsetMs;
  startMs = midnightAsUtc - zonedParts(startMs, zone).offsetMs;
  return { key, startMs };
}

export interface ZonedParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Local time minus UTC at the instant, ms. */
  readonly offsetMs: number;
}

export function zonedParts(epochMs: number, zone: Zone): ZonedParts {
  let format = partFormats.get(zone ?? '');
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: validZone(zone),
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    partFormats.set(zone ?? '', format);
  }
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of format.formatToParts(epochMs)) {
    const value = Number(part.value);
    switch (part.type) {
      case 'year':
        year = value;
        break;
      case 'month':
        month = value;
        break;
      case 'day':
        day = value;
        break;
      case 'hour':
        hour = value;
        break;
      case 'minute':
        minute = value;
        break;
      case 'second':
        second = value;
        break;
      default:
        break;
    }
  }
  const wholeSecondMs = Math.floor(epochMs / 1000) * 1000;
  return { year, month, day, hour, minute, second, offsetMs: Date.UTC(year, month - 1, day, hour, minute, second) - wholeSecondMs };
}

/**
 * The instant of a wall-clock time in `zone` ("2026-11-20 09:30:05", "2026-11-20T09:30" or with
 * seconds, as the page shows times and a datetime-local input gives them); undefined when it is
 * not such a time.
 */
export function parseDateTimeInput(text: string, zone?: Zone): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(text.trim());
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  if (!Number.isFinite(asUtc)) return undefined;
  // the zone's offset at the instant, which the first guess may be an hour off on a change day
  const guess = asUtc - zonedParts(asUtc, zone).offsetMs;
  return asUtc - zonedParts(guess, zone).offsetMs;
}

/**
 * The trading day of a stream of timestamps, recomputed only when a timestamp leaves the day
 * last computed, so that checking every trade costs two comparisons.
 */
export class DayClock {
  private current: ZonedDay | undefined;
  private endMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly zone: Zone) {}

  dayOf(epochMs: number): ZonedDay {
    const current = this.current;
    if (current !== undefined && epochMs >= current.startMs && epochMs < this.endMs) {
      return current;
    }
    const day = zonedDay(epochMs, this.zone);
    this.current = day;
    // a day is 23 to 25 hours; the next check past 22 h recomputes, which is exact
    this.endMs = day.startMs + 22 * 3_600_000;
    return day;
  }
}

/**
 * The start of the newest session that opened at or before `epochMs`: the day's open
 * (`openMinute` minutes after local midnight in `zone`), or the previous day's when that is still
 * to come. Weekends are not skipped: a time before the open clamps to the journal anyway.
 */
export function sessionOpenAtOrBefore(epochMs: number, zone: Zone, openMinute: number): number {
  const today = zonedDay(epochMs, zone);
  const openToday = openOn(today, zone, openMinute);
  if (openToday <= epochMs) return openToday;
  // noon of the previous day is always inside it, whatever the clocks do
  return openOn(zonedDay(today.startMs - 12 * 3_600_000, zone), zone, openMinute);
}

function openOn(day: ZonedDay, zone: Zone, openMinute: number): number {
  const hh = String(Math.floor(openMinute / 60)).padStart(2, '0');
  const mm = String(openMinute % 60).padStart(2, '0');
  return parseDateTimeInput(`${day.key}T${hh}:${mm}`, zone) ?? day.startMs + openMinute * 60_000;
}
