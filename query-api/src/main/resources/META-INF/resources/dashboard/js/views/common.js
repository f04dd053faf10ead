// Pieces several views share: series fetching, the view title, session links and the side-by-side table.
import { downloadCsv, get, getAll } from '../api.js';
import { h, replace, table } from '../dom.js';
import {
  change, coverageText, durationText, groupLabel, int, isKnown, money, ms, nr, pct,
} from '../format.js';
import { dateTime } from '../time.js';
import { go } from '../state.js';

/** Every page of a series (paged by buckets), merged: buckets appended, each group's points appended. */
export function seriesAll(query) {
  return getAll('/v1/series', query, (a, b) => {
    const merged = { ...a, buckets: [...a.buckets, ...b.buckets] };
    const byGroup = new Map(a.series.map((g) => [g.group, { group: g.group, points: [...g.points] }]));
    for (const g of b.series) {
      if (!byGroup.has(g.group)) byGroup.set(g.group, { group: g.group, points: [] });
      byGroup.get(g.group).points.push(...g.points);
    }
    merged.series = [...byGroup.values()];
    return merged;
  });
}

/** A point's value as a number for a chart; null stays null (not reported). */
export function num(v) {
  return isKnown(v) ? Number(v) : null;
}

export function viewTitle(title, sub, ...actions) {
  return h('div', { class: 'view-title' }, h('h1', null, title), sub ? h('span', { class: 'sub' }, sub) : null,
    actions.length ? h('span', { class: 'title-actions' }, actions) : null);
}

/**
 * "Export turns": every turn of the filter as CSV (GET /v1/export/turns?format=csv), fetched with the key and saved.
 * The API streams it; the browser holds it in memory until it is saved, so very large ranges are better exported
 * with curl (docs/dashboard.md).
 */
export function exportTurnsButton(ctx) {
  return h('button', {
    type: 'button', dataset: { csv: 'turns' }, title: 'Every turn of this range and filter, as CSV',
    onclick: async (e) => {
      const button = e.currentTarget;
      button.disabled = true;
      button.textContent = 'Exporting…';
      try {
        await downloadCsv('/v1/export/turns', ctx.query(), 'turns.csv');
        button.textContent = '⤓ Export turns (CSV)';
      } catch (err) {
        button.textContent = `Export failed: ${err.describe ? err.describe() : err.message}`;
      } finally {
        button.disabled = false;
      }
    },
  }, '⤓ Export turns (CSV)');
}

export function rangeText(f) {
  return `${dateTime(f.from, f.tz)} → ${dateTime(f.to, f.tz)} · ${f.tz}`;
}

export function sessionLink(id) {
  return h('a', {
    href: '#', class: 'session-link', dataset: { session: id },
    onclick: (e) => { e.preventDefault(); go('session', id); },
  }, id);
}

/** A card: label, value element, sub text, change element. */
export function card(label, value, { metric, sub, changeEl, cls = '' } = {}) {
  return h('div', { class: `card ${cls}`.trim(), dataset: { metric } },
    h('div', { class: 'label' }, label),
    h('div', { class: 'value' }, value),
    sub ? h('div', { class: 'sub' }, sub) : null,
    changeEl || null);
}

/** Tokens "in / out" of a figures object, each "not reported" when unknown. */
export function tokensInOut(fig) {
  if (fig.turns === 0) return nr('no turns');
  return h('span', null, int(fig.input_tokens), ' / ', int(fig.output_tokens));
}

/** The cost of figures: the amount, or "not reported" with why (unpriced / incomplete turns). */
export function figuresCost(fig) {
  if (isKnown(fig.cost_usd)) {
    const partial = fig.cost_turns < fig.turns;
    return h('span', null, money(fig.cost_usd),
      partial ? h('span', { class: 'muted small', title: `${fig.turns - fig.cost_turns} turns without a known cost` },
        ` (${fig.cost_turns}/${fig.turns})`) : null);
  }
  return fig.turns ? nr() : nr('no turns');
}

/**
 * Two to five sessions or recordings side by side (GET /v1/compare/sessions or /v1/compare/recordings): their figures
 * in columns, then their turns aligned by position.
 */
export function sideBySide(answer, tz) {
  const items = answer.items;
  const rows = [
    ['First turn', (it) => dateTime(it.first_seen, tz)],
    ['Duration', (it) => durationText(it.duration_ms)],
    ['Models', (it) => it.models.join(', ')],
    ['Turns', (it) => int(it.figures.turns), 'turns'],
    ['Errors', (it) => int(it.figures.error_turns), 'error_turns'],
    ['Cost', (it) => figuresCost(it.figures), 'cost_usd'],
    ['Unpriced turns', (it) => int(it.figures.unpriced_turns), 'unpriced_turns'],
    ['Input tokens', (it) => int(it.figures.input_tokens), 'input_tokens'],
    ['Output tokens', (it) => int(it.figures.output_tokens), 'output_tokens'],
    ['Cache read tokens', (it) => int(it.figures.cache_read_tokens), 'cache_read_tokens'],
    ['Reasoning tokens', (it) => int(it.figures.reasoning_tokens), 'reasoning_tokens'],
    ['Latency p50', (it) => ms(it.figures.latency_p50_ms), 'latency_p50_ms'],
    ['Latency p95', (it) => ms(it.figures.latency_p95_ms), 'latency_p95_ms'],
    ['Error rate', (it) => pct(it.figures.error_rate), 'error_rate'],
  ];
  const columns = [{ label: '' }, ...items.map((it) => ({ label: it.id, cls: 'num', key: it.id }))];
  const figures = table(columns, rows.map(([label, cell, key]) => ({
    attrs: { dataset: { row: key || label } },
    cells: [label, ...items.map((it) => cell(it))],
  })), { cls: 'data side-by-side' });

  const turnColumns = [{ label: '#', cls: 'num' }];
  items.forEach((it) => {
    turnColumns.push({ label: `${it.id} · model` }, { label: 'tokens in / out', cls: 'num' },
      { label: 'cost', cls: 'num' }, { label: 'latency', cls: 'num' });
  });
  const turnRows = answer.positions.map((p) => ({
    attrs: { dataset: { position: p.position } },
    cells: [String(p.position), ...p.turns.flatMap((t) => (t === null
      ? [nr('—'), '', '', '']
      : [t.model, h('span', null, int(t.input_tokens), ' / ', int(t.output_tokens)),
        isKnown(t.cost_usd) ? money(t.cost_usd) : nr(t.cost_status || undefined), ms(t.duration_ms)]))],
  }));
  return h('div', null, figures, h('h3', { style: 'margin: 14px 0 6px' }, 'Turns by position'),
    turnRows.length ? table(turnColumns, turnRows, { cls: 'data aligned' }) : h('div', { class: 'state empty' }, 'No turns.'));
}

export { change, coverageText, groupLabel, get };

/**
 * The table of a keyset-paged list ({items, next_cursor}): its first page, then a "Load more" button (id moreId)
 * that appends the next page until there is none. query(extra) gives the request's parameters. Null when the first
 * page is empty, otherwise [table, more].
 */
export async function pagedTable(path, query, columns, row, { moreId, allText, tableOptions = {} }) {
  const first = await get(path, query({}));
  if (!first.items.length) return null;
  const wrap = table(columns, first.items.map(row), tableOptions);
  const tbody = wrap.querySelector('tbody');
  const more = h('div', { class: 'more' });
  let cursor = first.next_cursor;
  const moreButton = () => (cursor ? h('button', {
    type: 'button', id: moreId,
    onclick: async (e) => {
      e.currentTarget.disabled = true;
      const next = await get(path, query({ cursor }));
      next.items.forEach((item) => tbody.appendChild(table(columns, [row(item)]).querySelector('tbody tr')));
      cursor = next.next_cursor;
      replace(more, moreButton());
    },
  }, 'Load more') : h('span', { class: 'muted small' }, allText));
  replace(more, moreButton());
  return [wrap, more];
}
