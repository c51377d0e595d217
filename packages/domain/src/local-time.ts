/**
 * Instants as people in the service area read them: the date and time in Asia/Shanghai (UTC+8, no daylight
 * saving), whatever zone the server or browser runs in. Exports, filenames and printed documents use these.
 */
export const LOCAL_TIME_ZONE = 'Asia/Shanghai';

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: LOCAL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function fields(at: Date | string | number): Record<string, string> | null {
  const d = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(d.getTime())) return null;
  return Object.fromEntries(parts.formatToParts(d).map((p) => [p.type, p.value]));
}

/** `2026-03-05` — the local calendar day of an instant. */
export function localDay(at: Date | string | number): string {
  const f = fields(at);
  return f ? `${f.year}-${f.month}-${f.day}` : '';
}

/** `2026-03-05 09:41:07` — the local date and time of an instant. */
export function localDateTime(at: Date | string | number): string {
  const f = fields(at);
  return f ? `${f.year}-${f.month}-${f.day} ${f.hour}:${f.minute}:${f.second}` : '';
}
