// Time zone arithmetic with Intl only (no date library): instants are Date, wall-clock times are in the chosen zone.

const partFormats = new Map();

function parts(ms, tz) {
  if (!partFormats.has(tz)) {
    partFormats.set(tz, new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', weekday: 'short',
    }));
  }
  const out = {};
  for (const p of partFormats.get(tz).formatToParts(new Date(ms))) out[p.type] = p.value;
  return out;
}

/** The zone's offset from UTC at instant ms, in ms. */
export function offsetMs(ms, tz) {
  const p = parts(ms, tz);
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** 'YYYY-MM-DDTHH:MM' wall-clock time in tz → Date. */
export function fromLocal(local, tz) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local || '');
  if (!m) return null;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  let guess = wall - offsetMs(wall, tz);
  for (let i = 0; i < 3; i++) {
    const next = wall - offsetMs(guess, tz);
    if (next === guess) break;
    guess = next;
  }
  return new Date(guess);
}

/** Date → 'YYYY-MM-DDTHH:MM' in tz (for datetime-local inputs). */
export function toLocal(date, tz) {
  const p = parts(date.getTime(), tz);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** "2026-03-27 14:05" (or with seconds) in tz. */
export function dateTime(value, tz, { seconds = false } = {}) {
  if (value === null || value === undefined) return '';
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  const p = parts(d.getTime(), tz);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${seconds ? `:${p.second}` : ''}`;
}

/** A bucket label for a series interval, in tz. */
export function bucketLabel(value, interval, tz) {
  const d = new Date(value);
  const p = parts(d.getTime(), tz);
  switch (interval) {
    case 'minute':
    case 'hour': return `${p.month}-${p.day} ${p.hour}:${p.minute}`;
    case 'day': return `${p.weekday} ${p.month}-${p.day}`;
    case 'week': return `wk ${p.year}-${p.month}-${p.day}`;
    case 'month': return `${p.year}-${p.month}`;
    default: return dateTime(d, tz);
  }
}

export function browserZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch (e) {
    return 'UTC';
  }
}

export function zones() {
  const list = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const first = ['UTC', browserZone()];
  return [...new Set([...first, ...list])];
}

const UNITS = { m: 60e3, h: 3600e3, d: 86400e3 };

/** '7d' → ms */
export function rangeMs(range) {
  const m = /^(\d+)([mhd])$/.exec(range || '');
  return m ? Number(m[1]) * UNITS[m[2]] : null;
}
