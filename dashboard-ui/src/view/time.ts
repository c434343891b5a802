/**
 * Times shown on the page, in the exchange's time zone or the browser's. Formatters are built
 * once per zone (Intl is slow to construct) and reused.
 */

import { validZone, zonedParts, type Zone } from '../model/zoned-time.js';

export { DayClock, parseDateTimeInput, zonedDay, type Zone, type ZonedDay } from '../model/zoned-time.js';

const clockFormats = new Map<string, Intl.DateTimeFormat>();

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

