// Recordings: start and stop a recording, list the recordings of the range with their figures (GET /v1/recordings),
// one recording's figures per model and session (GET /v1/recordings/{id}), and 2 to 5 side by side
// (GET /v1/compare/recordings). All of these need a developer (or admin) query key.
//
// Start and stop belong to the ingest gateway (POST /v1/recordings, POST /v1/recordings/{id}/stop, with an ingest
// key); the query API does not proxy them. So the record button calls the gateway directly: its URL comes from the
// query API's capabilities (gateway_url) when it says, else from this form (kept in localStorage); the ingest key is
// kept in this tab only (sessionStorage). The gateway must allow this page's origin (CORS) unless both are served
// from one origin behind a proxy.
import { get } from '../api.js';
import { h, replace, table } from '../dom.js';
import { int, nr } from '../format.js';
import { Panel } from '../panel.js';
import { dateTime } from '../time.js';
import { figuresCost, rangeText, sessionLink, sideBySide, tokensInOut, viewTitle } from './common.js';

const GATEWAY_URL = 'agentmeter.gatewayUrl';
const INGEST_KEY = 'agentmeter.ingestKey';
const USER = 'agentmeter.recordingUser';
const ACTIVE = 'agentmeter.activeRecording';

export function gatewayUrl(capabilities) {
  return (capabilities && capabilities.gateway_url) || localStorage.getItem(GATEWAY_URL)
    || `${location.protocol}//${location.hostname}:8080`;
}

class GatewayError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }

  describe() {
    return this.message;
  }
}

async function gateway(base, path, key, { method = 'GET', body } = {}) {
  let response;
  try {
    response = await fetch(`${base.replace(/\/+$/, '')}${path}`, {
      method,
      headers: { Authorization: `Bearer ${key}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      cache: 'no-store',
    });
  } catch (e) {
    throw new GatewayError(`The ingest gateway at ${base} could not be reached from this page: is it running, and does it`
      + ' allow this origin (CORS)?', 0);
  }
  let answer = null;
  try {
    answer = await response.json();
  } catch (e) {
    answer = null;
  }
  if (!response.ok) {
    throw new GatewayError(`The gateway answered HTTP ${response.status}${answer && answer.error ? ` ${answer.error}` : ''}: `
      + `${answer && answer.message ? answer.message : 'no details'}`, response.status);
  }
  return answer;
}

function activeRecording() {
  try {
    return JSON.parse(sessionStorage.getItem(ACTIVE) || 'null');
  } catch (e) {
    return null;
  }
}

export async function renderRecordings(root, ctx) {
  const f = ctx.filter;
  const compared = (ctx.params.get('cmp') || '').split(',').filter(Boolean);
  const openId = ctx.params.get('rec');
  const selected = new Set(compared);

  const recorder = new Panel('Record', { id: 'recorder', note: 'starts and stops through the ingest gateway' });
  const list = new Panel('Recordings', {
    id: 'recordings',
    note: 'running at some time in the range',
    csv: () => ({ path: '/v1/recordings', query: ctx.query({ limit: 1000 }), filename: 'recordings.csv' }),
    actions: [h('button', {
      type: 'button', id: 'compare-recordings', disabled: selected.size < 2,
      onclick: () => ctx.update({ cmp: [...selected].join(',') }),
    }, `Compare selected (${selected.size})`)],
  });
  const detail = new Panel('Recording', {
    id: 'recording-detail',
    csv: openId ? () => ({ path: `/v1/recordings/${encodeURIComponent(openId)}`, query: {}, filename: `recording-${openId}.csv` }) : null,
  });
  const side = new Panel('Recordings side by side', {
    id: 'compare-recordings-panel',
    csv: compared.length >= 2 ? () => ({ path: '/v1/compare/recordings', query: { recording: compared }, filename: 'compare-recordings.csv' }) : null,
  });
  root.append(...[viewTitle('Recordings', rangeText(f)), recorder.el, list.el, openId ? detail.el : null,
    compared.length ? side.el : null].filter(Boolean));

  const compareButton = list.el.querySelector('#compare-recordings');
  const refreshList = () => list.run(() => renderList(list, ctx, selected, compareButton, openId));
  // After a start or stop: a range that ends now is re-resolved (so it holds the new recording); a fixed one is
  // only reloaded.
  renderRecorder(recorder, ctx, () => (f.relative ? ctx.refresh() : refreshList()));

  await Promise.all([
    refreshList(),
    openId ? detail.run(async () => {
      const d = await get(`/v1/recordings/${encodeURIComponent(openId)}`);
      detail.show(renderDetail(d, f.tz));
    }) : null,
    compared.length ? side.run(async () => {
      if (compared.length < 2 || compared.length > 5) {
        side.empty('Pick 2 to 5 recordings to compare.');
        return;
      }
      const answer = await get('/v1/compare/recordings', { recording: compared, limit: 200 });
      side.show(sideBySide(answer, f.tz));
    }) : null,
  ]);
}

async function renderList(panel, ctx, selected, compareButton, openId) {
  const page = await get('/v1/recordings', ctx.query({ limit: 200 }));
  if (!page.items.length) {
    panel.empty('No recording was running in this range.');
    return;
  }
  const sync = () => {
    compareButton.disabled = selected.size < 2 || selected.size > 5;
    compareButton.textContent = `Compare selected (${selected.size})`;
  };
  sync();
  panel.show(table([
    { label: '' }, { label: 'Name' }, { label: 'Recording' }, { label: 'User' }, { label: 'Started' }, { label: 'Stopped' },
    { label: 'Turns', cls: 'num' }, { label: 'Cost', cls: 'num' }, { label: 'Tokens in / out', cls: 'num' },
  ], page.items.map((r) => ({
    attrs: { dataset: { recording: r.recording_id }, class: r.recording_id === openId ? 'open' : null },
    cells: [
      h('input', {
        type: 'checkbox', checked: selected.has(r.recording_id), 'aria-label': `select ${r.recording_id}`,
        onchange: (e) => { if (e.target.checked) selected.add(r.recording_id); else selected.delete(r.recording_id); sync(); },
      }),
      h('a', { href: '#', class: 'recording-link', onclick: (e) => { e.preventDefault(); ctx.update({ rec: r.recording_id }); } }, r.name),
      r.recording_id, r.user_id, dateTime(r.started_at, ctx.filter.tz, { seconds: true }),
      r.stopped_at ? dateTime(r.stopped_at, ctx.filter.tz, { seconds: true }) : h('span', { class: 'pill recording' }, 'recording'),
      int(r.figures.turns), figuresCost(r.figures), tokensInOut(r.figures),
    ],
  }))));
}

function renderDetail(d, tz) {
  const r = d.recording;
  const groups = (items, link) => table([
    { label: link ? 'Session' : 'Model' }, { label: 'Turns', cls: 'num' }, { label: 'Cost', cls: 'num' },
    { label: 'Tokens in / out', cls: 'num' },
  ], items.map((g) => ({
    attrs: { dataset: { group: g.id } },
    cells: [link ? sessionLink(g.id) : g.id, int(g.figures.turns), figuresCost(g.figures), tokensInOut(g.figures)],
  })));
  return h('div', null,
    h('div', { class: 'small', style: 'margin-bottom: 8px' }, h('strong', null, r.name), ` · ${r.recording_id} · user ${r.user_id} · `
      + `${dateTime(r.started_at, tz, { seconds: true })} → ${r.stopped_at ? dateTime(r.stopped_at, tz, { seconds: true }) : 'recording'}`),
    r.config ? h('pre', { class: 'small muted' }, `config: ${JSON.stringify(r.config)}`) : h('div', { class: 'small muted' }, 'config: ', nr()),
    h('div', { class: 'grid two' }, h('div', null, h('h3', null, 'Per model'), groups(d.models, false)),
      h('div', null, h('h3', null, 'Per session'), groups(d.sessions, true))));
}

function renderRecorder(panel, ctx, refreshList) {
  const fromCapabilities = Boolean(ctx.capabilities && ctx.capabilities.gateway_url);
  const urlInput = h('input', { id: 'gateway-url', value: gatewayUrl(ctx.capabilities), disabled: fromCapabilities, style: 'min-width: 240px' });
  const keyInput = h('input', { id: 'ingest-key', type: 'password', value: sessionStorage.getItem(INGEST_KEY) || '', placeholder: 'am_ingest_…' });
  const userInput = h('input', { id: 'recording-user', value: localStorage.getItem(USER) || '', placeholder: 'e.g. dev-1' });
  const nameInput = h('input', { id: 'recording-name', placeholder: 'e.g. sonnet vs gpt-5' });
  const status = h('span', { class: 'record-status', id: 'record-status', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', id: 'record-button' });

  const remember = () => {
    if (!fromCapabilities) localStorage.setItem(GATEWAY_URL, urlInput.value.trim());
    sessionStorage.setItem(INGEST_KEY, keyInput.value.trim());
    localStorage.setItem(USER, userInput.value.trim());
  };
  const draw = (message, isError = false) => {
    const active = activeRecording();
    button.className = active ? 'stop' : 'record';
    button.textContent = active ? '■ Stop recording' : '● Record';
    nameInput.disabled = Boolean(active);
    replace(status, message ? h('span', { class: isError ? 'state error small' : 'muted' }, message)
      : active ? h('span', null, h('span', { class: 'pill recording' }, 'recording'),
        ` ${active.name} · ${active.recording_id} · since ${dateTime(active.started_at, ctx.filter.tz, { seconds: true })}`)
        : h('span', { class: 'muted' }, 'Not recording.'));
    panel.el.dataset.recording = active ? active.recording_id : '';
  };

  button.addEventListener('click', async () => {
    remember();
    const base = urlInput.value.trim();
    const key = keyInput.value.trim();
    const active = activeRecording();
    if (!base || !key) {
      draw('The gateway URL and an ingest key are needed to start or stop a recording.', true);
      return;
    }
    button.disabled = true;
    try {
      if (active) {
        await gateway(base, `/v1/recordings/${encodeURIComponent(active.recording_id)}/stop`, key, { method: 'POST' });
        sessionStorage.removeItem(ACTIVE);
        draw(null);
      } else {
        const user = userInput.value.trim();
        const name = nameInput.value.trim();
        if (!user || !name) {
          draw('A user id and a name are needed to start a recording.', true);
          return;
        }
        const answer = await gateway(base, '/v1/recordings', key, { method: 'POST', body: { name, user_id: user } });
        const r = answer.recording;
        sessionStorage.setItem(ACTIVE, JSON.stringify({
          recording_id: r.recording_id, name: r.name, user_id: r.user_id, started_at: r.started_at,
        }));
        const stopped = answer.stopped_recordings || [];
        draw(null);
        if (stopped.length) status.append(` (stopped ${stopped.map((s) => s.recording_id).join(', ')})`);
      }
      await refreshList();
    } catch (err) {
      draw(err.describe ? err.describe() : err.message, true);
    } finally {
      button.disabled = false;
    }
  });

  panel.show(
    h('div', { class: 'form-row' },
      h('label', null, 'Gateway URL', urlInput),
      h('label', null, 'Ingest key', keyInput),
      h('label', null, 'User id', userInput),
      h('label', null, 'Recording name', nameInput),
      button, status),
    h('div', { class: 'small muted' }, fromCapabilities ? 'Gateway URL from the query API\'s capabilities.'
      : 'The query API does not tell the gateway\'s URL; it is kept in this browser. Turns sent while recording carry'
        + ' the recording id once the aggregator has seen the start.'));
  draw(null);

  // Bring the button in line with the gateway: a recording may have been stopped elsewhere (or started).
  const base = urlInput.value.trim();
  const key = keyInput.value.trim();
  const user = userInput.value.trim();
  if (base && key && user) {
    gateway(base, `/v1/recordings/active?user_id=${encodeURIComponent(user)}`, key).then((answer) => {
      const running = (answer.recordings || [])[0];
      if (running) {
        sessionStorage.setItem(ACTIVE, JSON.stringify({
          recording_id: running.recording_id, name: running.name, user_id: running.user_id, started_at: running.started_at,
        }));
      } else {
        sessionStorage.removeItem(ACTIVE);
      }
      draw(null);
    }).catch(() => {});
  }
}
