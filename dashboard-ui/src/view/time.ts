/** Local wall-clock time HH:MM:SS.mmm of an epoch-nanosecond timestamp. */
export function formatClockTime(epochNs: bigint): string {
  const date = new Date(Number(epochNs / 1_000_000n));
  return (
    pad(date.getHours(), 2) +
    ':' +
    pad(date.getMinutes(), 2) +
    ':' +
    pad(date.getSeconds(), 2) +
    '.' +
    pad(date.getMilliseconds(), 3)
  );
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
