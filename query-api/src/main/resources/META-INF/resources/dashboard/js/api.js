// The query API client: same origin, every call with Authorization: Bearer <query key> from sessionStorage.

const KEY = 'agentmeter.queryKey';
let onUnauthorized = () => {};
let pending = 0;

export class ApiError extends Error {
  constructor(status, body, path) {
    const message = body && body.message ? body.message : `HTTP ${status}`;
    super(message);
    this.status = status;
    this.code = body && body.error ? body.error : (status === 0 ? 'network_error' : `http_${status}`);
    this.errors = body && Array.isArray(body.errors) ? body.errors : [];
    this.path = path;
  }

  /** "HTTP 503 database_unavailable: PostgreSQL did not complete the request; retry later" */
  describe() {
    return this.status ? `HTTP ${this.status} ${this.code}: ${this.message}` : this.message;
  }
}

export function queryKey() {
  return sessionStorage.getItem(KEY);
}

export function setQueryKey(key) {
  if (key) sessionStorage.setItem(KEY, key);
  else sessionStorage.removeItem(KEY);
}

export function whenUnauthorized(callback) {
  onUnauthorized = callback;
}

function track(delta) {
  pending += delta;
  document.documentElement.dataset.pending = String(pending);
}

/** URLSearchParams from an object; arrays repeat the parameter; null/undefined/'' are left out. */
export function params(object) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(object || {})) {
    if (v === null || v === undefined || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => p.append(k, x));
    else p.append(k, v);
  }
  return p;
}

export function url(path, query) {
  const qs = query instanceof URLSearchParams ? query.toString() : params(query).toString();
  return qs ? `${path}?${qs}` : path;
}

async function request(path, query, accept, { headers = {}, signal, quiet = false } = {}) {
  const key = queryKey();
  const target = url(path, query);
  if (!quiet) track(1);
  let response;
  try {
    response = await fetch(target, {
      headers: { Accept: accept, ...headers, ...(key ? { Authorization: `Bearer ${key}` } : {}) },
      cache: 'no-store',
      signal,
    });
  } catch (e) {
    throw new ApiError(0, { message: `the query API could not be reached (${e.message})` }, path);
  } finally {
    if (!quiet) track(-1);
  }
  if (!response.ok) {
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    const error = new ApiError(response.status, body, path);
    if (response.status === 401) onUnauthorized(error);
    throw error;
  }
  return response;
}

/**
 * Opens a Server-Sent Events stream (the key goes in the Authorization header, never in the URL); resolves with the
 * response once its headers arrived, so the caller reads response.body. Errors as for get().
 */
export function openStream(path, { lastEventId, signal } = {}) {
  return request(path, null, 'text/event-stream', {
    headers: lastEventId ? { 'Last-Event-ID': lastEventId } : {}, signal,
  });
}

/** GET a JSON endpoint. quiet: not counted as pending (background polls, which must not hold up a view). */
export async function get(path, query, { quiet = false } = {}) {
  if (!quiet) track(1);
  try {
    const response = await request(path, query, 'application/json', { quiet });
    return await response.json();
  } finally {
    if (!quiet) track(-1);
  }
}

/** GET every page of a cursor-paged endpoint (at most maxPages), handing each page to merge. */
export async function getAll(path, query, merge, maxPages = 20) {
  let cursor = null;
  let first = null;
  for (let i = 0; i < maxPages; i++) {
    const q = params(query);
    if (cursor) q.set('cursor', cursor);
    const page = await get(path, q);
    first = first === null ? page : merge(first, page);
    cursor = page.next_cursor;
    if (!cursor) break;
  }
  return first;
}

/** Fetches an endpoint as CSV (format=csv) and saves it as a file. */
export async function downloadCsv(path, query, filename) {
  const q = params(query);
  q.set('format', 'csv');
  track(1);
  try {
    const response = await request(path, q, 'text/csv');
    const blob = await response.blob();
    const href = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = href;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 60000);
  } finally {
    track(-1);
  }
}
