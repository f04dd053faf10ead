// The dashboard's entry point: sign-in, the filter bar, the router and live updates.
import { get, queryKey, setQueryKey, whenUnauthorized } from './api.js';
import { destroyAll, setup as setupCharts } from './charts.js';
import { h, replace } from './dom.js';
import { HealthBar } from './health.js';
import { Live } from './live.js';
import { apiFilter, filterOf, go, parseHash, saveZone, update } from './state.js';
import { dateTime, fromLocal, toLocal, zones } from './time.js';
import { renderOverview } from './views/overview.js';
import { renderSessions } from './views/sessions.js';
import { renderSession } from './views/session.js';
import { renderCompare } from './views/compare.js';
import { renderRecordings } from './views/recordings.js';
import { renderActivity } from './views/activity.js';

// Uncaught errors are kept for the browser tests (and shown in the console as usual).
window.__agentmeterErrors = [];
window.addEventListener('error', (e) => window.__agentmeterErrors.push(String(e.message)));
window.addEventListener('unhandledrejection', (e) => window.__agentmeterErrors.push(String(e.reason)));

const VIEWS = {
  overview: renderOverview,
  sessions: renderSessions,
  session: renderSession,
  compare: renderCompare,
  recordings: renderRecordings,
  activity: renderActivity,
};

const $ = (id) => document.getElementById(id);
const view = $('view');
let generation = 0;
let capabilities = null;
const live = new Live();
const health = new HealthBar($('health-bar'), () => filterOf(parseHash().params).tz);
const options = { key: null, values: { project: [], agent: [], model: [] } };

function showLogin(message) {
  document.body.classList.add('signed-out');
  $('login').hidden = false;
  $('login-error').textContent = message || '';
  $('login-key').value = '';
  $('login-key').focus();
  live.stop();
  health.stop();
}

function hideLogin() {
  document.body.classList.remove('signed-out');
  $('login').hidden = true;
}

whenUnauthorized((err) => {
  setQueryKey(null);
  showLogin(`The query API refused the key: ${err.message}`);
});

$('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const key = $('login-key').value.trim();
  if (!key) return;
  setQueryKey(key);
  $('login-submit').disabled = true;
  try {
    // Any tenant-scoped call checks the key; a one-item session page is the cheapest.
    await get('/v1/sessions', { limit: 1 });
    hideLogin();
    render();
  } catch (err) {
    if (err.status !== 401) {
      // The key may be fine (403 is a role matter, 503 a database one): go on and let each view say what failed.
      hideLogin();
      render();
    }
  } finally {
    $('login-submit').disabled = false;
  }
});

$('sign-out').addEventListener('click', () => {
  setQueryKey(null);
  showLogin('Signed out.');
});

// Filter bar
function fillZones() {
  const select = $('f-tz');
  replace(select, zones().map((z) => h('option', { value: z }, z)));
}

function setOptions(select, values, current, allLabel) {
  const list = [...new Set([...values, ...(current ? [current] : [])])];
  replace(select, h('option', { value: '' }, allLabel), list.map((v) => h('option', { value: v }, v)));
  select.value = current || '';
}

async function loadFilterOptions(f) {
  // The values seen in the range, without the other filters, so choosing one does not hide the rest.
  const key = `${f.from.toISOString()}|${f.to.toISOString()}|${f.tz}`;
  if (options.key !== key) {
    options.key = key;
    const base = { from: f.from.toISOString(), to: f.to.toISOString(), tz: f.tz, metric: 'turns', limit: 200 };
    const dims = ['project', 'agent', 'model'];
    const answers = await Promise.allSettled(dims.map((by) => get('/v1/breakdown', { ...base, by })));
    answers.forEach((a, i) => {
      options.values[dims[i]] = a.status === 'fulfilled'
        ? a.value.items.map((it) => it.group).filter((g) => g !== null && g !== undefined) : [];
    });
  }
  setOptions($('f-project'), options.values.project, f.project, 'All projects');
  setOptions($('f-agent'), options.values.agent, f.agent, 'All agents');
  setOptions($('f-model'), options.values.model, f.model, 'All models');
}

export function filterOptions() {
  return options.values;
}

function syncFilterBar(f) {
  $('f-range').value = f.range;
  if (![...$('f-tz').options].some((o) => o.value === f.tz)) $('f-tz').appendChild(h('option', { value: f.tz }, f.tz));
  $('f-tz').value = f.tz;
  $('f-interval').value = f.interval;
  $('f-from').value = toLocal(f.from, f.tz);
  $('f-to').value = toLocal(f.to, f.tz);
  document.querySelectorAll('.custom-range').forEach((el) => { el.hidden = f.range !== 'custom'; });
  $('range-label').textContent = `${dateTime(f.from, f.tz)} → ${dateTime(f.to, f.tz)} (${f.tz})`;
}

$('f-range').addEventListener('change', (e) => {
  const range = e.target.value;
  if (range === 'custom') {
    const f = filterOf(parseHash().params);
    update({ range: 'custom', from: f.from.toISOString(), to: f.to.toISOString() });
  } else {
    update({ range, from: null, to: null });
  }
});

function customRange() {
  const f = filterOf(parseHash().params);
  const from = fromLocal($('f-from').value, f.tz);
  const to = fromLocal($('f-to').value, f.tz);
  if (from && to && from < to) update({ range: 'custom', from: from.toISOString(), to: to.toISOString() });
  else $('range-label').textContent = 'The range must start before it ends.';
}

$('f-from').addEventListener('change', customRange);
$('f-to').addEventListener('change', customRange);
['project', 'agent', 'model', 'interval'].forEach((name) => {
  $(`f-${name}`).addEventListener('change', (e) => update({ [name]: e.target.value === 'auto' ? null : e.target.value }));
});
$('f-tz').addEventListener('change', (e) => {
  saveZone(e.target.value);
  update({ tz: e.target.value });
});
$('f-clear').addEventListener('click', () => update({ project: null, agent: null, model: null }));

// Live updates
$('live-toggle').addEventListener('change', (e) => update({ live: e.target.checked ? '1' : null }));

async function loadCapabilities() {
  if (capabilities) return capabilities;
  try {
    capabilities = await get('/v1/capabilities');
  } catch (err) {
    capabilities = { endpoints: [] };
  }
  return capabilities;
}

// Router
async function render() {
  if (!queryKey()) {
    showLogin();
    return;
  }
  hideLogin();
  health.start();
  const gen = ++generation;
  const { view: name, id, params } = parseHash();
  const renderView = VIEWS[name] || renderOverview;
  const f = filterOf(params);
  document.documentElement.dataset.view = name;
  document.querySelectorAll('#nav a').forEach((a) => {
    a.classList.toggle('active', a.dataset.nav === name || (name === 'session' && a.dataset.nav === 'sessions'));
  });
  syncFilterBar(f);
  destroyAll();
  replace(view);
  const caps = await loadCapabilities();
  if (gen !== generation) return;
  const ctx = {
    filter: f,
    params,
    id,
    capabilities: caps,
    query: (extra = {}) => ({ ...apiFilter(f), ...extra }),
    alive: () => gen === generation,
    go,
    update,
    live,
    filterOptions: () => options.values,
    refresh: () => render(),
  };
  live.configure(ctx, params);
  loadFilterOptions(f).catch(() => {});
  try {
    await renderView(view, ctx);
  } catch (err) {
    console.error(err);
    view.appendChild(h('div', { class: 'state error' }, `This view failed: ${err.message}`));
  }
  if (gen === generation) document.documentElement.dataset.rendered = name;
}

window.addEventListener('hashchange', render);

function boot() {
  if (!setupCharts()) {
    replace(view, h('div', { class: 'state error', role: 'alert' },
      'The chart library (/webjars/chart.js/…/chart.umd.js) did not load; charts cannot be drawn.'));
  }
  fillZones();
  if (!location.hash) location.replace('#/overview');
  render();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();
