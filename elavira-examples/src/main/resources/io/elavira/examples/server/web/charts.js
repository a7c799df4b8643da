// Elavira dashboard charts: plain SVG drawn from data, no library. Each chart is a <figure> with a
// caption, an SVG image (role img, a one-sentence summary as its description), a legend, and the
// same numbers as a table (in <details>) for screen readers and keyboard users. Colours come from
// CSS classes (s1, s2, s3) so that the light and dark themes restyle them; series also differ by
// line dash or position, never by colour alone. Text is always set with textContent.
'use strict';

const Charts = (() => {
  const NS = 'http://www.w3.org/2000/svg';
  const HEIGHT = 200;
  const PAD = { top: 12, right: 12, bottom: 28, left: 44 };
  let counter = 0;

  function svgEl(tag, attrs, text) {
    const e = document.createElementNS(NS, tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, String(v)));
    if (text !== undefined) e.textContent = String(text);
    return e;
  }

  function htmlEl(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  // A round upper bound for the axis: 1, 2 or 5 times a power of ten.
  function niceMax(value) {
    if (value <= 0) return 1;
    const power = Math.pow(10, Math.floor(Math.log10(value)));
    for (const m of [1, 2, 5, 10]) if (m * power >= value) return m * power;
    return 10 * power;
  }

  function format(value) {
    return Number.isInteger(value) ? value.toLocaleString() : value.toFixed(2);
  }

  // The figure around a chart: caption, svg, legend, and the data table.
  function figure(opts, summary, width) {
    const id = 'chart-' + (++counter);
    const fig = htmlEl('figure', null, 'chart-fig');
    fig.id = opts.id || id;
    const caption = htmlEl('figcaption', opts.title);
    caption.id = id + '-title';
    const svg = svgEl('svg', { width, height: opts.height || HEIGHT, role: 'img',
      viewBox: '0 0 ' + width + ' ' + (opts.height || HEIGHT), 'aria-labelledby': id + '-title ' + id + '-desc' });
    svg.append(svgEl('desc', { id: id + '-desc' }, summary));
    const legend = htmlEl('ul', null, 'legend');
    opts.series.forEach((s, i) => {
      const item = htmlEl('li');
      item.append(htmlEl('span', null, 'swatch ' + (s.cls || 's' + (i + 1)) + (s.dash ? ' ' + s.dash : '')));
      item.append(document.createTextNode(s.name));
      legend.append(item);
    });
    const details = htmlEl('details');
    details.append(htmlEl('summary', opts.tableLabel || 'Table'));
    const table = htmlEl('table', null, 'data');
    const head = htmlEl('tr');
    head.append(htmlEl('th', opts.labelHeader || ''));
    opts.series.forEach((s) => head.append(htmlEl('th', s.name)));
    const thead = htmlEl('thead');
    thead.append(head);
    const tbody = htmlEl('tbody');
    opts.labels.forEach((label, i) => {
      const tr = htmlEl('tr');
      tr.append(htmlEl('th', label));
      opts.series.forEach((s) => tr.append(htmlEl('td', format(s.values[i]))));
      tbody.append(tr);
    });
    table.append(thead, tbody);
    details.append(table);
    fig.append(caption, svg, legend, details);
    return { fig, svg };
  }

  function summaryOf(opts) {
    return opts.series.map((s) => {
      const total = s.values.reduce((a, b) => a + b, 0);
      const max = Math.max(0, ...s.values);
      const at = s.values.indexOf(max);
      return s.name + ': ' + (opts.totals === false ? '' : 'total ' + format(total) + ', ')
        + 'highest ' + format(max) + (at >= 0 && opts.labels[at] ? ' (' + opts.labels[at] + ')' : '');
    }).join('; ') + '.';
  }

  function axes(svg, width, height, max, labels, every) {
    const bottom = height - PAD.bottom;
    [0, 0.5, 1].forEach((f) => {
      const y = bottom - f * (bottom - PAD.top);
      svg.append(svgEl('line', { x1: PAD.left, x2: width - PAD.right, y1: y, y2: y, class: 'grid' }));
      svg.append(svgEl('text', { x: PAD.left - 6, y: y + 4, 'text-anchor': 'end', class: 'tick' }, format(max * f)));
    });
    const step = (width - PAD.left - PAD.right) / Math.max(1, labels.length);
    labels.forEach((label, i) => {
      if (i % every === 0) {
        svg.append(svgEl('text', { x: PAD.left + step * (i + 0.5), y: height - 8, 'text-anchor': 'middle',
          class: 'tick' }, label));
      }
    });
    return step;
  }

  function labelEvery(width, count) {
    return Math.max(1, Math.ceil(count / Math.max(2, Math.floor((width - PAD.left - PAD.right) / 60))));
  }

  // Vertical bars per label; stacked or side by side.
  function bars(container, opts) {
    const width = Math.max(260, container.clientWidth || 480);
    const { fig, svg } = figure(opts, summaryOf(opts), width);
    const height = HEIGHT;
    const totals = opts.labels.map((_, i) => opts.series.reduce((sum, s) => sum + s.values[i], 0));
    const peaks = opts.labels.map((_, i) => Math.max(0, ...opts.series.map((s) => s.values[i])));
    const max = niceMax(Math.max(0, ...(opts.stacked ? totals : peaks)));
    const step = axes(svg, width, height, max, opts.labels, labelEvery(width, opts.labels.length));
    const bottom = height - PAD.bottom;
    const scale = (v) => (v / max) * (bottom - PAD.top);
    const inner = step * 0.8;
    opts.labels.forEach((label, i) => {
      let base = bottom;
      opts.series.forEach((s, k) => {
        const h = scale(s.values[i]);
        const w = opts.stacked ? inner : inner / opts.series.length;
        const x = PAD.left + step * i + step * 0.1 + (opts.stacked ? 0 : k * w);
        const y = opts.stacked ? base - h : bottom - h;
        const rect = svgEl('rect', { x: x.toFixed(1), y: y.toFixed(1), width: Math.max(1, w - 1).toFixed(1),
          height: Math.max(0, h).toFixed(1), class: 'bar ' + (s.cls || 's' + (k + 1)) });
        rect.append(svgEl('title', {}, label + ', ' + s.name + ': ' + format(s.values[i])));
        svg.append(rect);
        if (opts.stacked) base -= h;
      });
    });
    container.append(fig);
    return fig;
  }

  // Lines per series over the labels; series differ by colour and dash.
  function lines(container, opts) {
    const width = Math.max(260, container.clientWidth || 480);
    const { fig, svg } = figure(opts, summaryOf(Object.assign({ totals: false }, opts)), width);
    const height = HEIGHT;
    const max = niceMax(Math.max(0, ...opts.series.flatMap((s) => s.values)));
    const step = axes(svg, width, height, max, opts.labels, labelEvery(width, opts.labels.length));
    const bottom = height - PAD.bottom;
    opts.series.forEach((s, k) => {
      const points = s.values.map((v, i) => [PAD.left + step * (i + 0.5), bottom - (v / max) * (bottom - PAD.top)]);
      svg.append(svgEl('polyline', { points: points.map((p) => p[0].toFixed(1) + ',' + p[1].toFixed(1)).join(' '),
        class: 'line ' + (s.cls || 's' + (k + 1)) + (s.dash ? ' ' + s.dash : '') }));
      points.forEach((p, i) => {
        const dot = svgEl('circle', { cx: p[0].toFixed(1), cy: p[1].toFixed(1), r: 3,
          class: 'dot ' + (s.cls || 's' + (k + 1)) });
        dot.append(svgEl('title', {}, opts.labels[i] + ', ' + s.name + ': ' + format(s.values[i])));
        svg.append(dot);
      });
    });
    container.append(fig);
    return fig;
  }

  // Horizontal stacked bars, one row per label (e.g. tokens per provider and model).
  function rows(container, opts) {
    const width = Math.max(260, container.clientWidth || 480);
    const rowHeight = 26;
    const height = PAD.top + rowHeight * Math.max(1, opts.labels.length) + 8;
    const { fig, svg } = figure(Object.assign({ height }, opts), summaryOf(opts), width);
    const totals = opts.labels.map((_, i) => opts.series.reduce((sum, s) => sum + s.values[i], 0));
    const max = niceMax(Math.max(0, ...totals));
    const left = Math.min(width * 0.45, 180);
    opts.labels.forEach((label, i) => {
      const y = PAD.top + i * rowHeight;
      svg.append(svgEl('text', { x: left - 6, y: y + rowHeight / 2 + 2, 'text-anchor': 'end', class: 'tick' }, label));
      let x = left;
      opts.series.forEach((s, k) => {
        const w = (s.values[i] / max) * (width - left - PAD.right - 50);
        const rect = svgEl('rect', { x: x.toFixed(1), y: y + 4, width: Math.max(0, w).toFixed(1),
          height: rowHeight - 10, class: 'bar ' + (s.cls || 's' + (k + 1)) });
        rect.append(svgEl('title', {}, label + ', ' + s.name + ': ' + format(s.values[i])));
        svg.append(rect);
        x += w;
      });
      svg.append(svgEl('text', { x: x + 4, y: y + rowHeight / 2 + 2, class: 'tick' }, format(totals[i])));
    });
    container.append(fig);
    return fig;
  }

  return { bars, lines, rows, niceMax };
})();
