// Chart.js (window.Chart, from the WebJar) with the dashboard's defaults. Unknown values are null: lines break there
// and tooltips say "not reported" instead of drawing a 0.
import { h } from './dom.js';
import { NOT_REPORTED, compact, moneyText, msText, intText } from './format.js';

export const PALETTE = ['#3b5bdb', '#12b886', '#f59f00', '#e8590c', '#ae3ec9', '#1098ad', '#f03e3e', '#74b816',
  '#5c7cfa', '#868e96'];
const live = new Set();

export function chartLibrary() {
  return window.Chart || null;
}

export function setup() {
  const Chart = chartLibrary();
  if (!Chart) return false;
  Chart.defaults.animation = false;
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
  Chart.defaults.font.size = 11;
  Chart.defaults.color = '#667085';
  Chart.defaults.plugins.legend.labels.boxWidth = 12;
  return true;
}

/** Destroys every chart of the previous render. */
export function destroyAll() {
  for (const chart of live) chart.destroy();
  live.clear();
}

const FORMATTERS = {
  money: (v) => moneyText(v),
  int: (v) => intText(v),
  ms: (v) => msText(v),
  compact: (v) => compact(v),
};

function tooltipLabel(kind) {
  return (ctx) => {
    const raw = ctx.raw;
    const value = raw && typeof raw === 'object' && 'y' in raw ? raw.y : raw;
    const label = ctx.dataset.label ? `${ctx.dataset.label}: ` : '';
    return value === null || value === undefined ? `${label}${NOT_REPORTED}` : `${label}${FORMATTERS[kind](value)}`;
  };
}

/** Axis labels: "$0.05", "$1.4", "$120", "$1.2K" (three significant digits at most). */
function moneyTick(v) {
  const n = Number(v);
  return Math.abs(n) >= 1000 ? `$${compact(n)}` : `$${Number(n.toPrecision(3))}`;
}

function axisTicks(kind) {
  return {
    callback: (v) => (kind === 'money' ? moneyTick(v) : kind === 'ms' ? msText(v) : compact(v)),
  };
}

/** A canvas in a sized box; returns { box, canvas }. */
export function canvasBox(id, size = '') {
  const canvas = h('canvas', { id, role: 'img' });
  return { box: h('div', { class: `chart-box ${size}`.trim() }, canvas), canvas };
}

function make(canvas, config) {
  const Chart = chartLibrary();
  const chart = new Chart(canvas, config);
  live.add(chart);
  return chart;
}

/** A line chart of datasets [{label, data (numbers or null)}] over labels. */
export function line(canvas, labels, datasets, { kind = 'int', stacked = false } = {}) {
  return make(canvas, {
    type: 'line',
    data: {
      labels,
      datasets: datasets.map((d, i) => ({
        borderColor: d.color || PALETTE[i % PALETTE.length],
        backgroundColor: (d.color || PALETTE[i % PALETTE.length]) + '33',
        // Dense lines without dots, except a point with gaps on both sides, which would not show otherwise.
        pointRadius: (c) => {
          const data = c.dataset.data;
          const i = c.dataIndex;
          const isolated = data[i] !== null && (i === 0 || data[i - 1] === null) && (i === data.length - 1 || data[i + 1] === null);
          return isolated ? 3 : labels.length > 60 ? 0 : 2;
        },
        borderWidth: 2,
        tension: 0.2,
        spanGaps: false,
        fill: stacked,
        ...d,
      })),
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 10 }, grid: { display: false } },
        y: { beginAtZero: true, stacked, ticks: axisTicks(kind) },
      },
      plugins: { tooltip: { callbacks: { label: tooltipLabel(kind) } } },
    },
  });
}

/** A bar chart; horizontal when there are many long labels. */
export function bar(canvas, labels, datasets, { kind = 'money', horizontal = false, stacked = false } = {}) {
  return make(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: datasets.map((d, i) => ({
        backgroundColor: d.color || PALETTE[i % PALETTE.length],
        borderRadius: 3,
        ...d,
      })),
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      scales: {
        [horizontal ? 'x' : 'y']: { beginAtZero: true, stacked, ticks: axisTicks(kind) },
        [horizontal ? 'y' : 'x']: { stacked, grid: { display: false }, ticks: { autoSkip: false } },
      },
      plugins: {
        legend: { display: datasets.length > 1 },
        tooltip: { callbacks: { label: tooltipLabel(kind) } },
      },
    },
  });
}

export function pie(canvas, labels, values, { kind = 'money' } = {}) {
  return make(canvas, {
    type: 'doughnut',
    data: { labels, datasets: [{ data: values, backgroundColor: labels.map((_, i) => PALETTE[i % PALETTE.length]) }] },
    options: {
      cutout: '55%',
      plugins: {
        legend: { position: 'right' },
        tooltip: { callbacks: { label: (ctx) => `${ctx.label}: ${FORMATTERS[kind](ctx.raw)}` } },
      },
    },
  });
}

/** Horizontal threshold lines (context window warnings) drawn on a chart's y scale. */
export const thresholdPlugin = {
  id: 'thresholds',
  afterDatasetsDraw(chart, _args, options) {
    const lines = options && options.lines;
    if (!lines) return;
    const { ctx, chartArea, scales } = chart;
    ctx.save();
    for (const l of lines) {
      const y = scales.y.getPixelForValue(l.value);
      ctx.strokeStyle = l.color;
      ctx.setLineDash([5, 4]);
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(chartArea.left, y);
      ctx.lineTo(chartArea.right, y);
      ctx.stroke();
      ctx.fillStyle = l.color;
      ctx.fillText(l.label, chartArea.right - 30, y - 3);
    }
    ctx.restore();
  },
};

/** The raw config of a chart, for the browser tests: Chart.getChart(canvas).data */
export function chartOf(canvas) {
  const Chart = chartLibrary();
  return Chart ? Chart.getChart(canvas) : null;
}

export { make as custom };
