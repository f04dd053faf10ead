// Comparisons: models on the same prompts side by side (GET /v1/compare/models), what the same turns would have cost
// on another model (GET /v1/compare/counterfactual), and sessions side by side (GET /v1/compare/sessions).
import { get } from '../api.js';
import { bar, canvasBox } from '../charts.js';
import { h, table } from '../dom.js';
import { int, intText, isKnown, money, ms, nr, pct } from '../format.js';
import { Panel } from '../panel.js';
import { num, rangeText, sideBySide, viewTitle } from './common.js';

export async function renderCompare(root, ctx) {
  const f = ctx.filter;
  const picked = (ctx.params.get('models') || '').split(',').filter(Boolean);
  const minModels = ctx.params.get('min') || '';
  const target = ctx.params.get('target') || '';
  const sessions = (ctx.params.get('sessions') || '').split(',').filter(Boolean);

  // The models seen in the range (other filters apply, the model filter does not: the picks replace it).
  const base = { from: f.from.toISOString(), to: f.to.toISOString(), tz: f.tz, project: f.project, agent: f.agent };
  const modelQuery = picked.length ? picked : (f.model ? [f.model] : []);
  const query = (extra) => ({ ...base, model: modelQuery, ...extra });

  const picks = h('div', { class: 'model-picks', id: 'model-picks' }, h('span', { class: 'state loading' }, 'Loading models…'));
  const minInput = h('input', { type: 'number', min: 1, max: 50, id: 'min-models', value: minModels, placeholder: '2', style: 'width: 70px; min-width: 0' });
  const models = new Panel('Models on the same prompts', {
    id: 'compare-models',
    note: 'only turns whose prompt (hash) was sent to at least min_models of the chosen models',
    csv: () => ({ path: '/v1/compare/models', query: query({ min_models: minModels }), filename: 'compare-models.csv' }),
  });
  const targetInput = h('input', { id: 'counterfactual-target', list: 'target-models', value: target, placeholder: 'e.g. gpt-4o-mini' });
  const datalist = h('datalist', { id: 'target-models' });
  const counterfactual = new Panel('Counterfactual cost', {
    id: 'counterfactual',
    note: 'the same turns, the same token counts, priced at another model\'s rates in force at each turn\'s time',
    csv: () => ({ path: '/v1/compare/counterfactual', query: query({ target_model: target }), filename: 'counterfactual.csv' }),
  });
  const sessionsInput = h('input', { id: 'compare-session-ids', value: sessions.join(','), placeholder: 'session ids, comma-separated', style: 'min-width: 360px' });
  const sideBySidePanel = new Panel('Sessions side by side', {
    id: 'compare-sessions',
    csv: sessions.length >= 2
      ? () => ({ path: '/v1/compare/sessions', query: { session: sessions }, filename: 'compare-sessions.csv' }) : null,
  });

  root.append(viewTitle('Compare', rangeText(f)),
    h('div', { class: 'panel' }, h('div', { class: 'form-row' },
      h('div', null, h('h3', null, 'Models'), picks),
      h('label', null, 'min_models', minInput),
      h('button', { type: 'button', class: 'primary', id: 'compare-apply', onclick: apply }, 'Compare'))),
    models.el,
    counterfactual.el,
    sideBySidePanel.el);

  function apply() {
    const checked = [...picks.querySelectorAll('input[type=checkbox]:checked')].map((c) => c.value);
    const all = picks.querySelectorAll('input[type=checkbox]').length;
    ctx.update({ models: checked.length && checked.length < all ? checked.join(',') : null, min: minInput.value || null });
  }

  const seen = get('/v1/breakdown', { ...base, by: 'model', metric: 'turns', limit: 200 }).then((b) => {
    const names = b.items.map((it) => it.group).filter((g) => g !== null);
    picks.replaceChildren(...(names.length ? names.map((m) => h('label', null,
      h('input', { type: 'checkbox', value: m, checked: !picked.length || picked.includes(m) }), m))
      : [h('span', { class: 'muted' }, 'No models in this range.')]));
    datalist.replaceChildren(...names.map((m) => h('option', { value: m })));
    return names;
  }).catch((err) => {
    picks.replaceChildren(h('span', { class: 'state error' }, `Could not load the models: ${err.describe ? err.describe() : err.message}`));
    return [];
  });

  await Promise.all([
    models.run(() => renderModels(models, query({ min_models: minModels }))),
    counterfactual.run(async () => {
      const form = h('div', { class: 'form-row' },
        h('label', null, 'Target model', targetInput, datalist),
        h('button', {
          type: 'button', class: 'primary', id: 'counterfactual-apply',
          onclick: () => ctx.update({ target: targetInput.value.trim() || null }),
        }, 'Price at target'));
      if (!target) {
        counterfactual.show(form, h('div', { class: 'state empty' }, 'Choose a model to price these turns at.'));
        return;
      }
      const answer = await get('/v1/compare/counterfactual', query({ target_model: target }));
      counterfactual.show(form, renderCounterfactual(answer));
    }),
    sideBySidePanel.run(async () => {
      const form = h('div', { class: 'form-row' }, h('label', null, 'Sessions (2 to 5)', sessionsInput),
        h('button', {
          type: 'button', id: 'compare-sessions-apply',
          onclick: () => ctx.update({ sessions: sessionsInput.value.split(/[\s,]+/).filter(Boolean).join(',') || null }),
        }, 'Compare sessions'));
      if (sessions.length < 2) {
        sideBySidePanel.show(form, h('div', { class: 'state empty' },
          'Pick 2 to 5 sessions in the Sessions view (or type their ids) to see them side by side.'));
        return;
      }
      const answer = await get('/v1/compare/sessions', { session: sessions, limit: 200 });
      sideBySidePanel.show(form, sideBySide(answer, f.tz));
    }),
    seen,
  ]);
}

async function renderModels(panel, query) {
  const c = await get('/v1/compare/models', query);
  if (!c.models.length) {
    panel.empty(`No prompt was sent to at least ${c.min_models} of these models in this range.`);
    return;
  }
  panel.note(`${intText(c.shared_prompts)} shared prompts, each sent to at least ${c.min_models} models`);
  const rows = [
    ['Turns', (m) => int(m.turns), 'turns'],
    ['Shared prompts answered', (m) => int(m.prompts), 'prompts'],
    ['Mean input tokens', (m) => int(m.mean_input_tokens), 'mean_input_tokens'],
    ['Median input tokens', (m) => int(m.median_input_tokens), 'median_input_tokens'],
    ['Mean output tokens', (m) => int(m.mean_output_tokens), 'mean_output_tokens'],
    ['Median output tokens', (m) => int(m.median_output_tokens), 'median_output_tokens'],
    ['Cost', (m) => money(m.cost_usd), 'cost_usd'],
    ['Cost per turn', (m) => money(m.cost_per_turn_usd), 'cost_per_turn_usd'],
    ['Turns with a cost', (m) => `${intText(m.cost_turns)} of ${intText(m.turns)}`, 'cost_turns'],
    ['Unpriced turns', (m) => int(m.unpriced_turns), 'unpriced_turns'],
    ['Latency p50', (m) => ms(m.latency_p50_ms), 'latency_p50_ms'],
    ['Latency p95', (m) => ms(m.latency_p95_ms), 'latency_p95_ms'],
    ['Latency p99', (m) => ms(m.latency_p99_ms), 'latency_p99_ms'],
    ['Error rate', (m) => pct(m.error_rate), 'error_rate'],
  ];
  const columns = [{ label: '' }, ...c.models.map((m) => ({ label: m.model, cls: 'num', key: m.model }))];
  const { box, canvas } = canvasBox('compare-cost-chart', 'short');
  panel.show(table(columns, rows.map(([label, cell, key]) => ({ attrs: { dataset: { row: key } }, cells: [label, ...c.models.map(cell)] })),
    { cls: 'data side-by-side' }), h('h3', { style: 'margin: 14px 0 6px' }, 'Cost per turn'), box);
  bar(canvas, c.models.map((m) => m.model), [{ label: 'Cost per turn', data: c.models.map((m) => num(m.cost_per_turn_usd)) }], { kind: 'money' });
}

function renderCounterfactual(c) {
  const columns = [
    { label: 'Model' }, { label: 'Turns', cls: 'num' }, { label: 'Actual cost', cls: 'num', key: 'actual_cost_usd' },
    { label: `On ${c.target_model}`, cls: 'num', key: 'target_cost_usd' },
    { label: 'Comparable turns', cls: 'num', key: 'comparable_turns' },
    { label: 'Actual (comparable)', cls: 'num', key: 'comparable_actual_usd' },
    { label: 'Target (comparable)', cls: 'num', key: 'comparable_target_usd' },
    { label: 'Difference', cls: 'num', key: 'difference_usd' },
    { label: 'Not priceable at target', cls: 'num', key: 'not_priceable' },
  ];
  const row = (l, total) => ({
    attrs: { class: total ? 'total' : null, dataset: { model: total ? '__total' : l.model } },
    cells: [total ? 'Total' : l.model, int(l.turns), money(l.actual_cost_usd), money(l.target_cost_usd), int(l.comparable_turns),
      money(l.comparable_actual_usd), money(l.comparable_target_usd), difference(l.difference_usd),
      `${intText(l.target_unpriced_turns)} unpriced, ${intText(l.target_incomplete_turns)} incomplete`],
  });
  return h('div', null,
    h('div', { class: 'small muted', style: 'margin-bottom: 6px' }, `Priced as ${c.priced_as || c.target_model}`
      + `${c.target_provider ? ` (${c.target_provider})` : ''}. Differences are over the turns with both costs known.`),
    table(columns, [...c.models.map((l) => row(l, false)), row(c.total, true)]));
}

function difference(v) {
  if (!isKnown(v)) return nr();
  const el = money(v);
  el.style.color = Number(v) > 0 ? 'var(--up)' : Number(v) < 0 ? 'var(--down)' : '';
  if (Number(v) > 0) el.textContent = `+${el.textContent}`;
  return el;
}
