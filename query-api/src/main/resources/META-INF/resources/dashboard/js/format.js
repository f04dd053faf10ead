// Formatting. Null from the API means "not reported" (unknown), never 0: every formatter shows it as such.
import { h } from './dom.js';

export const NOT_REPORTED = 'not reported';
const LOCALE = 'en-US';
const INT = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const moneyFormats = new Map();

export function isKnown(v) {
  return v !== null && v !== undefined && !(typeof v === 'number' && Number.isNaN(v));
}

/** A "not reported" marker element. */
export function nr(text = NOT_REPORTED) {
  return h('span', { class: 'nr' }, text);
}

/** Number of decimals money is shown with: 2 from $1, else 4, else 6 for tiny amounts. */
export function moneyDigits(v) {
  const a = Math.abs(v);
  if (a >= 1 || a === 0) return 2;
  if (a >= 0.0001) return 4;
  return 6;
}

export function moneyText(v) {
  if (!isKnown(v)) return NOT_REPORTED;
  const digits = moneyDigits(Number(v));
  if (!moneyFormats.has(digits)) {
    moneyFormats.set(digits, new Intl.NumberFormat(LOCALE, {
      style: 'currency', currency: 'USD', minimumFractionDigits: digits, maximumFractionDigits: digits,
    }));
  }
  return moneyFormats.get(digits).format(Number(v));
}

/**
 * The cost of a set of turns: when there were no turns it is exactly $0 (nothing was spent), which the API writes as
 * null; with turns, null is unknown ("not reported").
 */
export function costOf(costUsd, turns) {
  return !isKnown(costUsd) && turns === 0 ? money(0) : money(costUsd);
}

/** Money as an element carrying the raw value (data-raw) for tooltips and tests. */
export function money(v) {
  if (!isKnown(v)) return nr();
  return h('span', { class: 'money', dataset: { raw: String(v) }, title: `$${v}` }, moneyText(v));
}

export function intText(v) {
  return isKnown(v) ? INT.format(Math.round(Number(v))) : NOT_REPORTED;
}

export function int(v) {
  if (!isKnown(v)) return nr();
  return h('span', { dataset: { raw: String(v) } }, intText(v));
}

export function compact(v) {
  if (!isKnown(v)) return NOT_REPORTED;
  return new Intl.NumberFormat(LOCALE, { notation: 'compact', maximumFractionDigits: 1 }).format(Number(v));
}

export function msText(v) {
  return isKnown(v) ? `${INT.format(Math.round(Number(v)))} ms` : NOT_REPORTED;
}

export function ms(v) {
  if (!isKnown(v)) return nr();
  return h('span', { dataset: { raw: String(v) } }, msText(v));
}

export function durationText(msValue) {
  if (!isKnown(msValue)) return NOT_REPORTED;
  let s = Math.round(Number(msValue) / 1000);
  if (s < 60) return `${s}s`;
  const hrs = Math.floor(s / 3600);
  const mins = Math.floor((s % 3600) / 60);
  s %= 60;
  return hrs > 0 ? `${hrs}h ${String(mins).padStart(2, '0')}m` : `${mins}m ${String(s).padStart(2, '0')}s`;
}

export function pctText(ratio, digits = 1) {
  return isKnown(ratio) ? `${(Number(ratio) * 100).toFixed(digits)}%` : NOT_REPORTED;
}

export function pct(ratio, digits = 1) {
  if (!isKnown(ratio)) return nr();
  return h('span', { dataset: { raw: String(ratio) } }, pctText(ratio, digits));
}

/** "reported by 812 of 1,024 turns" */
export function coverageText(covered, turns, what = 'reported by') {
  if (!turns) return 'no turns';
  return `${what} ${INT.format(covered)} of ${INT.format(turns)} turns`;
}

/**
 * The change from the previous period: "▲ 12.3% vs previous", "new", "no change", or "no previous data" when the
 * previous value is unknown. {@code points} compares ratios in percentage points.
 */
export function change(current, previous, { points = false } = {}) {
  let text;
  let cls;
  if (!isKnown(current) || !isKnown(previous)) {
    text = isKnown(current) ? 'no previous data' : '';
    cls = 'none';
  } else {
    const c = Number(current);
    const p = Number(previous);
    if (points) {
      const d = (c - p) * 100;
      cls = Math.abs(d) < 0.05 ? 'flat' : d > 0 ? 'up' : 'down';
      text = cls === 'flat' ? 'no change vs previous' : `${d > 0 ? '▲' : '▼'} ${Math.abs(d).toFixed(1)} pp vs previous`;
    } else if (p === 0) {
      cls = c === 0 ? 'flat' : 'up';
      text = c === 0 ? 'no change vs previous' : 'new vs previous (was 0)';
    } else {
      const r = (c - p) / Math.abs(p);
      cls = Math.abs(r) < 0.0005 ? 'flat' : r > 0 ? 'up' : 'down';
      text = cls === 'flat' ? 'no change vs previous' : `${r > 0 ? '▲' : '▼'} ${Math.abs(r * 100).toFixed(1)}% vs previous`;
    }
  }
  return h('div', { class: `change ${cls}`, dataset: { previous: isKnown(previous) ? String(previous) : 'null' } }, text);
}

/** Nullable text: the value or a "not reported" marker. */
export function text(v) {
  return isKnown(v) && v !== '' ? String(v) : nr();
}

/** A dimension value: null is the turns that did not report it. */
export function groupLabel(v) {
  return isKnown(v) ? String(v) : `(${NOT_REPORTED})`;
}
