/**
 * Times shown on the page, in the exchange's time zone or the browser's. Formatters are built
 * once per zone (Intl is slow to construct) and reused.
 */

/** undefined: the browser's own time zone. */
export type Zone = string | undefined;

const clockFormats = new Map<string, Intl.DateTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function cached(
  cache: Map<string, Intl.DateTimeFormat>,
  zone: Zone,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = zone ?? '';
  let format = cache.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: validZone(zone) });
    cache.set(key, format);
  }
  return format;
}

/** A zone Intl accepts, else the browser's (undefined). */
function validZone(zone: Zone): string | undefined {
  if (zone === undefined || zone === '') return undefined;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

/** HH:MM:SS.mmm of an epoch-nanosecond timestamp, in `zone` (local time by default). */
export function formatClockTime(epochNs: bigint, zone?: Zone): string {
  const ms = Number(epochNs / 1_000_000n);
  const hms = formatHms(ms, zone);
  return `${hms}.${String(((ms % 1000) + 1000) % 1000).padStart(3, '0')}`;
}

/** HH:MM:SS of epoch milliseconds, in `zone`. */
export function formatHms(epochMs: number, zone?: Zone): string {
  return cached(clockFormats, zone, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(epochMs);
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

interface ZonedParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Local time minus UTC at the instant, ms. */
  readonly offsetMs: number;
}

function zonedParts(epochMs: number, zone: Zone): ZonedParts {
  const format = cached(dateFormats, zone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
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

const two = (n: number): string => String(n).padStart(2, '0');

/** "2026-11-20T09:30:05", the value of a datetime-local input, in `zone`. */
export function formatDateTimeInput(epochMs: number, zone?: Zone): string {
  const p = zonedParts(epochMs, zone);
  return `${String(p.year).padStart(4, '0')}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
}

/** "2026-11-20 09:30:05" in `zone`. */
export function formatDateTime(epochMs: number, zone?: Zone): string {
  return formatDateTimeInput(epochMs, zone).replace('T', ' ');
}

/**
 * The instant of a wall-clock time in `zone` ("2026-11-20T09:30" or with seconds, as a
 * datetime-local input gives it); undefined when it is not such a time.
 */
export function parseDateTimeInput(text: string, zone?: Zone): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(text);
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
