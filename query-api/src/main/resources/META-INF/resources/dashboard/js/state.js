// The page state lives in the URL hash (#/view/id?range=7d&project=alpha&tz=Europe/Berlin), so every view can be
// bookmarked, shared and reloaded. Filters are shared by all views.
import { browserZone, rangeMs } from './time.js';

export const FILTER_KEYS = ['range', 'from', 'to', 'project', 'agent', 'model', 'tz', 'interval'];
export const RANGES = ['1h', '24h', '7d', '30d', '90d', 'custom'];
const TZ_KEY = 'agentmeter.tz';

/** { view, id, params } from location.hash */
export function parseHash(hash = location.hash) {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  const [view, ...rest] = path.split('/');
  return { view: view || 'overview', id: rest.length ? decodeURIComponent(rest.join('/')) : null, params };
}

export function buildHash(view, id, params) {
  const path = id ? `${view}/${encodeURIComponent(id)}` : view;
  const qs = params.toString();
  return `#/${path}${qs ? `?${qs}` : ''}`;
}

/** Goes to a view, keeping the filters; extra sets (or with null removes) view parameters. */
export function go(view, id = null, extra = {}, { keepViewParams = false } = {}) {
  const current = parseHash();
  const next = new URLSearchParams();
  for (const [k, v] of current.params) {
    if (FILTER_KEYS.includes(k) || k === 'live' || k === 'poll' || keepViewParams) next.append(k, v);
  }
  for (const [k, v] of Object.entries(extra)) {
    next.delete(k);
    if (v !== null && v !== undefined && v !== '') next.set(k, v);
  }
  location.hash = buildHash(view, id, next);
}

/** Changes some parameters of the current view. */
export function update(changes) {
  const current = parseHash();
  for (const [k, v] of Object.entries(changes)) {
    current.params.delete(k);
    if (v !== null && v !== undefined && v !== '') current.params.set(k, v);
  }
  location.hash = buildHash(current.view, current.id, current.params);
}

export function savedZone() {
  return localStorage.getItem(TZ_KEY) || 'UTC';
}

export function saveZone(tz) {
  localStorage.setItem(TZ_KEY, tz);
}

/**
 * The filter of the current hash, resolved to an instant range: relative ranges end now; a custom range (from/to
 * given) is fixed. {@code relative} tells which.
 */
export function filterOf(params, now = new Date()) {
  const tz = params.get('tz') || savedZone() || browserZone();
  const from = params.get('from');
  const to = params.get('to');
  let range = params.get('range') || (from || to ? 'custom' : '7d');
  let fromDate;
  let toDate;
  if (range === 'custom' || from || to) {
    range = 'custom';
    toDate = to ? new Date(to) : now;
    fromDate = from ? new Date(from) : new Date(toDate.getTime() - 7 * 86400e3);
  } else {
    const length = rangeMs(range) || 7 * 86400e3;
    // Up to the next whole minute: everything so far is in, including what happened this very second.
    toDate = new Date(Math.floor(now.getTime() / 60e3) * 60e3 + 60e3);
    fromDate = new Date(toDate.getTime() - length);
  }
  if (Number.isNaN(fromDate.getTime()) || Number.isNaN(toDate.getTime())) {
    toDate = now;
    fromDate = new Date(now.getTime() - 7 * 86400e3);
  }
  return {
    range,
    relative: range !== 'custom',
    from: fromDate,
    to: toDate,
    project: params.get('project') || '',
    agent: params.get('agent') || '',
    model: params.get('model') || '',
    tz,
    interval: params.get('interval') || 'auto',
  };
}

/** The query parameters every figures endpoint takes. */
export function apiFilter(f, { range = true } = {}) {
  const q = { tz: f.tz, project: f.project, agent: f.agent, model: f.model };
  if (range) {
    q.from = f.from.toISOString();
    q.to = f.to.toISOString();
  }
  return q;
}

/** The series interval: chosen, or the one that gives a readable number of points for the range. */
export function intervalOf(f) {
  if (f.interval && f.interval !== 'auto') return f.interval;
  const hours = (f.to - f.from) / 3600e3;
  if (hours <= 3) return 'minute';
  if (hours <= 24 * 8) return 'hour';
  if (hours <= 24 * 120) return 'day';
  return 'week';
}
