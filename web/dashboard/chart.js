// The dashboard's charts, SVG drawn here (no library): the score over time, a step line of the total score through a
// lead's ledger, with every ledger entry as a marker shaped by its reason (event, decay step, going cold, points
// expired) and the thresholds as dashed lines; and series compared side by side (a backtest's baseline and
// candidate), as grouped bars or as lines.
import { s } from './dom.js';
import { signed, when } from './format.js';

const DAY = 86400000;
const MIN_WINDOW = 10 * 60000;
const MARGIN = { top: 14, right: 14, bottom: 28, left: 36 };

/** Round tick values covering [min, max], about `count` of them. */
function ticks(min, max, count) {
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => f * magnitude).find((candidate) => candidate >= raw);
  const values = [];
  for (let v = Math.ceil(min / step) * step; v <= max; v += step) values.push(v);
  return values;
}

/** Dates for the time axis: month starts over long spans, Mondays over weeks, days, else hours or minutes. */
function timeTicks(start, end, maxTicks) {
  const span = end - start;
  const d = new Date(start);
  const values = [];
  let next;
  let label;
  if (span > 75 * DAY) {
    d.setDate(1);
    d.setHours(0, 0, 0, 0);
    next = () => d.setMonth(d.getMonth() + 1);
    label = new Intl.DateTimeFormat(undefined, { month: 'short' });
  } else if (span > 10 * DAY) {
    d.setHours(0, 0, 0, 0);
    d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
    next = () => d.setDate(d.getDate() + 7);
    label = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
  } else if (span > 2 * DAY) {
    d.setHours(0, 0, 0, 0);
    next = () => d.setDate(d.getDate() + 1);
    label = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
  } else {
    // Within two days: the smallest step of whole minutes that leaves room for the labels.
    const minutes = [1, 5, 15, 30, 60, 180, 360, 720].find((m) => span / (m * 60000) <= maxTicks) || 720;
    d.setSeconds(0, 0);
    d.setMinutes(Math.floor(d.getMinutes() / Math.min(minutes, 60)) * Math.min(minutes, 60));
    next = () => d.setMinutes(d.getMinutes() + minutes);
    label = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
  }
  for (; d.getTime() <= end; next()) {
    if (d.getTime() >= start) values.push({ t: d.getTime(), text: label.format(d) });
  }
  // Thin out evenly so labels never collide on a narrow screen.
  const every = Math.ceil(values.length / maxTicks);
  return values.filter((_, i) => i % every === 0);
}

/** What a marker is: its class and shape, from the entry's reason and change. */
function kindOf(entry) {
  if (entry.reason === 'decay') return 'decay';
  if (entry.reason === 'cold') return 'cold';
  if (entry.reason === 'expiry') return 'expiry';
  if (entry.change > 0) return 'gain';
  if (entry.change < 0) return 'loss';
  return 'none';
}

function marker(kind, x, y) {
  switch (kind) {
    case 'decay':
      return s('path', { d: `M${x - 5},${y - 4}h10l-5,8z`, class: 'mark decay' });
    case 'cold':
      return s('path', { d: `M${x},${y - 6}l6,6l-6,6l-6,-6z`, class: 'mark cold' });
    case 'expiry':
      return s('rect', { x: x - 4, y: y - 4, width: 8, height: 8, class: 'mark expiry' });
    default:
      return s('circle', { cx: x, cy: y, r: kind === 'none' ? 3 : 4, class: 'mark ' + kind });
  }
}

function describe(entry, score) {
  const what = entry.reason === 'event' ? entry.eventType : entry.reason === 'cold' ? 'went cold'
    : entry.reason === 'expiry' ? 'points expired' : 'decay step';
  const why = (entry.contributions || []).filter((c) => c.points !== 0 || c.note)
      .map((c) => `${c.rule} ${signed(c.points)}${c.group ? ' (' + c.group + ')' : ''}${c.note ? ': ' + c.note : ''}`);
  return `${when(entry.occurredAt)}: ${what} ${signed(entry.change)} → ${score}`
      + (why.length ? '\n' + why.join('\n') : '');
}

/**
 * The chart for `entries` (ledger entries, oldest first), `width` pixels wide.
 * startScore: the score before the first entry (0 when the entries start at the lead's beginning);
 * thresholds: [{name, points}] drawn as dashed lines; now: where the line ends (default: now).
 *
 * The line adds up the entries' changes in the order things happened. Events of one request can be scored in
 * another order than they occurred (each entry's scoreAfter says how it went), but the changes add up to the same
 * score, so the line never zig-zags between seconds-apart events and always ends at the lead's score.
 */
export function scoreChart(entries, { width, height = 260, startScore: before = 0, thresholds = [], now = Date.now() } = {}) {
  const w = Math.max(300, Math.round(width));
  const plot = { x0: MARGIN.left, x1: w - MARGIN.right, y0: MARGIN.top, y1: height - MARGIN.bottom };
  let running = before;
  const points = entries.map((entry) => {
    running += entry.change;
    return { t: Date.parse(entry.occurredAt), score: running, entry };
  });
  const start = points[0].t;
  const end = Math.max(points[points.length - 1].t, now);
  // A little room on both sides; a history of a few minutes gets ten, so that the time axis has labels.
  const pad = Math.max((end - start) * 0.02, (MIN_WINDOW - (end - start)) / 2);
  const [tMin, tMax] = [start - pad, end + pad];
  const scores = points.map((p) => p.score).concat(before, 0);
  const top = Math.max(...scores, ...thresholds.map((t) => t.points)) * 1.08 || 10;
  const bottom = Math.min(...scores);
  const x = (t) => plot.x0 + ((t - tMin) / (tMax - tMin)) * (plot.x1 - plot.x0);
  const y = (v) => plot.y1 - ((v - bottom) / (top - bottom)) * (plot.y1 - plot.y0);

  const svg = s('svg', {
    class: 'chart', viewBox: `0 0 ${w} ${height}`, width: w, height, role: 'img',
    'aria-label': `Score over time: ${points.length} ledger entries, from ${before} to ${points[points.length - 1].score}`,
  });

  const grid = s('g', { class: 'grid' });
  for (const v of ticks(bottom, top, Math.max(3, Math.floor((plot.y1 - plot.y0) / 45)))) {
    grid.append(s('line', { x1: plot.x0, x2: plot.x1, y1: y(v), y2: y(v) }),
        s('text', { x: plot.x0 - 6, y: y(v) + 4, class: 'tick y' }, v));
  }
  for (const tick of timeTicks(tMin, tMax, Math.max(2, Math.floor((plot.x1 - plot.x0) / 70)))) {
    grid.append(s('line', { x1: x(tick.t), x2: x(tick.t), y1: plot.y1, y2: plot.y1 + 4, class: 'tick-mark' }),
        s('text', { x: x(tick.t), y: plot.y1 + 18, class: 'tick x' }, tick.text));
  }
  grid.append(s('line', { x1: plot.x0, x2: plot.x1, y1: plot.y1, y2: plot.y1, class: 'axis' }));
  svg.append(grid);

  for (const threshold of thresholds) {
    if (threshold.points > top) continue;
    svg.append(s('g', { class: 'threshold' },
        s('line', { x1: plot.x0, x2: plot.x1, y1: y(threshold.points), y2: y(threshold.points) }),
        s('text', { x: plot.x1 - 4, y: y(threshold.points) - 5 }, `${threshold.name} ${threshold.points}`)));
  }

  // A score holds until the next entry changes it: a step line, carried on to `now`.
  // A history from the lead's beginning starts at its first entry; a partial one comes in from the left edge.
  const from = before === 0 ? start : tMin;
  let line = `M${x(from)},${y(before)}`;
  for (const p of points) line += `H${x(p.t)}V${y(p.score)}`;
  line += `H${x(end)}`;
  svg.append(s('path', { d: `${line}V${y(Math.max(bottom, 0))}H${x(from)}Z`, class: 'area' }),
      s('path', { d: line, class: 'line' }));

  const marks = s('g', { class: 'marks' });
  for (const p of points) {
    marks.append(s('g', { class: 'entry', tabindex: 0 },
        s('title', {}, describe(p.entry, p.score)),
        marker(kindOf(p.entry), x(p.t), y(p.score))));
  }
  svg.append(marks);
  return svg;
}

/** The legend that names the markers: SVG swatches beside words. */
export function legend() {
  return [['gain', 'event that scored'], ['none', 'event that earned nothing'], ['loss', 'negative event'],
    ['decay', 'decay step'], ['cold', 'went cold'], ['expiry', 'points expired']].map(([kind, text]) => {
    const item = document.createElement('span');
    item.className = 'legend-item';
    item.append(s('svg', { width: 14, height: 14, viewBox: '-7 -7 14 14', 'aria-hidden': 'true' }, marker(kind, 0, 0)),
        text);
    return item;
  });
}

/**
 * A box that draws its chart to its own width, and again whenever that changes (a phone turned, a window resized):
 * `draw(width, height)` returns the SVG. The box's height comes from the stylesheet, so drawing into it never resizes
 * what is observed.
 */
export function chartBox(draw, className = '') {
  const box = document.createElement('div');
  box.className = ('chart-box ' + className).trim();
  let drawn = 0;
  new ResizeObserver(() => {
    const width = Math.floor(box.clientWidth);
    if (width && width !== drawn) {
      drawn = width;
      box.replaceChildren(draw(width, box.clientHeight));
    }
  }).observe(box);
  return box;
}

const SERIES_MARGIN = { top: 14, right: 14, bottom: 28, left: 44 };

/**
 * Series over the same categories, side by side: grouped bars (a histogram) or lines with a point per category (a
 * time series). Hovering a category shows its figures; the SVG is one image to a screen reader, named by `label`, so
 * a view shows the figures as a table beside it.
 *
 * categories: [{label, title}] (label under the axis, thinned out where they would collide; title in the tooltip);
 * series: [{name, kind, values}] (kind, e.g. 'baseline' or 'candidate', is the class that colours it; a null value,
 * such as a rate without a denominator, is no bar and no point, and breaks a line rather than reading as 0);
 * max: the top of the scale when it is fixed (100 for a percentage), else the largest value; unit: after each value
 * on the axis and in the tooltip.
 */
export function comparisonChart(categories, series, { width, height = 240, kind = 'bars', label = '', max: fixed,
  unit = '' } = {}) {
  const w = Math.max(300, Math.round(width));
  const plot = { x0: SERIES_MARGIN.left, x1: w - SERIES_MARGIN.right, y0: SERIES_MARGIN.top, y1: height - SERIES_MARGIN.bottom };
  const max = fixed || Math.max(1, ...series.flatMap((one) => one.values.filter((v) => v !== null)));
  const top = max * 1.08;
  const y = (v) => plot.y1 - (v / top) * (plot.y1 - plot.y0);
  const band = (plot.x1 - plot.x0) / Math.max(1, categories.length);
  const center = (i) => plot.x0 + band * (i + 0.5);

  const svg = s('svg', { class: 'chart ' + kind, viewBox: `0 0 ${w} ${height}`, width: w, height, role: 'img',
    'aria-label': label });
  const grid = s('g', { class: 'grid' });
  for (const v of ticks(0, max, Math.max(2, Math.floor((plot.y1 - plot.y0) / 40))).filter(Number.isInteger)) {
    grid.append(s('line', { x1: plot.x0, x2: plot.x1, y1: y(v), y2: y(v) }),
        s('text', { x: plot.x0 - 6, y: y(v) + 4, class: 'tick y' }, v + unit));
  }
  const every = Math.ceil(categories.length / Math.max(1, Math.floor((plot.x1 - plot.x0) / 46)));
  categories.forEach((category, i) => {
    if (i % every === 0) grid.append(s('text', { x: center(i), y: plot.y1 + 18, class: 'tick x' }, category.label));
  });
  grid.append(s('line', { x1: plot.x0, x2: plot.x1, y1: plot.y1, y2: plot.y1, class: 'axis' }));
  svg.append(grid);

  if (kind === 'lines') {
    for (const one of series) {
      svg.append(s('path', { class: 'series-line ' + one.kind, d: one.values.map((v, i) => (v === null ? ''
        : `${i && one.values[i - 1] !== null ? 'L' : 'M'}${center(i)},${y(v)}`)).join('') }));
    }
  }
  // Per category: a band that shows the figures on hover, and the bars or the lines' points.
  const groupWidth = band * 0.8;
  const barWidth = groupWidth / Math.max(1, series.length);
  categories.forEach((category, i) => {
    const group = s('g', { class: 'category' },
        s('title', {}, `${category.title || category.label}: ` + series.map((one) => `${one.name} `
            + (one.values[i] === null ? '—' : one.values[i] + unit)).join(', ')),
        s('rect', { class: 'hit', x: center(i) - band / 2, y: plot.y0, width: band, height: plot.y1 - plot.y0 }));
    series.forEach((one, k) => {
      const v = one.values[i];
      if (v === null) return;
      group.append(kind === 'lines'
        ? s('circle', { class: 'point ' + one.kind, cx: center(i), cy: y(v), r: 3 })
        : s('rect', { class: 'column ' + one.kind, x: center(i) - groupWidth / 2 + k * barWidth, y: y(v),
          width: Math.max(1, barWidth - 1), height: y(0) - y(v) }));
    });
    svg.append(group);
  });
  return svg;
}

/** The legend that names the series: a swatch of each series' colour beside its name. */
export function seriesLegend(series) {
  return series.map((one) => {
    const item = document.createElement('span');
    item.className = 'legend-item';
    item.append(s('svg', { width: 14, height: 14, viewBox: '0 0 14 14', 'aria-hidden': 'true' },
        s('rect', { class: 'column ' + one.kind, x: 1, y: 1, width: 12, height: 12, rx: 2 })), one.name);
    return item;
  });
}
