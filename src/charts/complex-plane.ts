// Points in the complex plane (e.g. the eigenvalues of a matrix) with the
// unit circle and, optionally, a circle of another radius (the spectral
// radius). Each point carries `data-re`, `data-im` and `data-modulus`.
//
//   const plane = createComplexPlane(host, { ariaLabel: 'eigenvalues of W' });
//   plane.update({ re, im, ring: rho });
import { scaleLinear, select } from 'd3';
import { drawBottomAxis, drawLeftAxis } from './axes.ts';
import { formatNumber, observeWidth, responsiveSvg } from './scales.ts';
import { chartFigure, legendItem } from './figure.ts';

export interface ComplexPoints {
  re: ArrayLike<number>;
  im: ArrayLike<number>;
  /** Radius of an extra circle (drawn dashed in the accent colour), e.g. the spectral radius. */
  ring?: number;
}

export interface ComplexPlaneLabels {
  ariaLabel?: string;
  /** Label of the unit circle and of the ring, shown in the legend. */
  unitLabel?: string;
  ringLabel?: string;
  /** Hover/spoken text of one point. */
  pointLabel?: (re: number, im: number, modulus: number) => string;
}

export interface ComplexPlaneOptions extends ComplexPlaneLabels {
  /** Largest side in px (default 320). */
  maxSize?: number;
  /** The view always covers at least this radius (default 1.25). */
  minRadius?: number;
  attrs?: Record<string, string>;
}

export interface ComplexPlane {
  element: HTMLElement;
  update(points: ComplexPoints): void;
  setLabels(labels: ComplexPlaneLabels): void;
  destroy(): void;
}

const PAD = 34;

/** Half-width of the view: covers every point and `minRadius`, rounded up to a quarter. */
export function planeExtent(re: ArrayLike<number>, im: ArrayLike<number>, minRadius: number, ring = 0): number {
  let r = Math.max(minRadius, ring * 1.08);
  for (let i = 0; i < re.length; i++) {
    const m = Math.hypot(re[i], im[i]);
    if (Number.isFinite(m)) r = Math.max(r, m * 1.08);
  }
  return Math.ceil(r * 4) / 4;
}

export function createComplexPlane(host: HTMLElement, opts: ComplexPlaneOptions = {}): ComplexPlane {
  const labels: ComplexPlaneLabels = { ...opts };
  const figure = chartFigure(host, 'chart-complex-plane', opts.attrs);
  const { svg, resize } = responsiveSvg(figure, 'chart-svg');
  svg.attr('role', 'img');
  const gX = svg.append('g');
  const gY = svg.append('g');
  const cross = svg.append('g');
  const unit = svg.append('circle').style('fill', 'none').style('stroke', 'var(--muted)').style('stroke-width', 1.5);
  const ring = svg.append('circle').style('fill', 'none').style('stroke', 'var(--accent-2)').style('stroke-width', 1.5).style('stroke-dasharray', '5 4');
  const gPts = svg.append('g').attr('class', 'points');
  const legend = document.createElement('div');
  Object.assign(legend.style, { display: 'flex', flexWrap: 'wrap', gap: '0.2rem 1rem', fontSize: '0.82rem', color: 'var(--muted)' });
  const hover = document.createElement('div');
  Object.assign(hover.style, { minHeight: '1.3em', fontSize: '0.82rem', color: 'var(--muted)', fontVariantNumeric: 'tabular-nums' });
  figure.append(legend, hover);

  let width = 320;
  let pts: ComplexPoints = { re: [], im: [] };

  function renderLegend(): void {
    const item = (color: string, dash: string, text: string) => legendItem({ text, color, dash, width: 1.5 });
    legend.replaceChildren();
    if (labels.unitLabel) legend.append(item('var(--muted)', '', labels.unitLabel));
    if (labels.ringLabel && pts.ring !== undefined) legend.append(item('var(--accent-2)', '5 4', labels.ringLabel));
  }

  function render(): void {
    const size = Math.max(160, Math.min(opts.maxSize ?? 320, width));
    resize(size, size);
    const R = planeExtent(pts.re, pts.im, opts.minRadius ?? 1.25, pts.ring ?? 0);
    const sx = scaleLinear().domain([-R, R]).range([PAD, size - 8]);
    const sy = scaleLinear().domain([-R, R]).range([size - PAD, 8]);
    const ticks = sx.ticks(size < 240 ? 4 : 5);
    // Tick labels on the frame (bottom: Re, left: Im), thin axes through 0.
    drawBottomAxis(gX, sx, sy(-R), { ticks, format: (d) => formatNumber(Number(d), 3) });
    drawLeftAxis(gY, sy, sx(-R), { ticks, format: (d) => formatNumber(Number(d), 3) });
    cross
      .selectAll<SVGLineElement, number>('line')
      .data([0, 1])
      .join('line')
      .attr('x1', (d) => (d ? sx(-R) : sx(0)))
      .attr('x2', (d) => (d ? sx(R) : sx(0)))
      .attr('y1', (d) => (d ? sy(0) : sy(-R)))
      .attr('y2', (d) => (d ? sy(0) : sy(R)))
      .style('stroke', 'var(--rule)')
      .style('stroke-width', 1);
    const px = (sx(1) - sx(0));
    unit.attr('cx', sx(0)).attr('cy', sy(0)).attr('r', px);
    if (pts.ring !== undefined && pts.ring > 0) ring.style('display', null).attr('cx', sx(0)).attr('cy', sy(0)).attr('r', px * pts.ring);
    else ring.style('display', 'none');
    const n = Math.min(pts.re.length, pts.im.length);
    const idx = Array.from({ length: n }, (_, i) => i);
    gPts
      .selectAll<SVGCircleElement, number>('circle')
      .data(idx)
      .join((enter) => enter.append('circle').append('title').select(function () { return this.parentNode as SVGCircleElement; }))
      .attr('cx', (i) => sx(pts.re[i]))
      .attr('cy', (i) => sy(pts.im[i]))
      .attr('r', 4)
      .attr('data-re', (i) => String(pts.re[i]))
      .attr('data-im', (i) => String(pts.im[i]))
      .attr('data-modulus', (i) => String(Math.hypot(pts.re[i], pts.im[i])))
      .style('fill', 'var(--accent)')
      .style('fill-opacity', 0.75)
      .style('stroke', 'var(--bg)')
      .style('stroke-width', 1)
      .select('title')
      .text((i) => pointText(i));
    figure.dataset.points = String(n);
  }

  function pointText(i: number): string {
    const re = pts.re[i];
    const im = pts.im[i];
    const m = Math.hypot(re, im);
    return labels.pointLabel ? labels.pointLabel(re, im, m) : `${formatNumber(re)} ${im < 0 ? '−' : '+'} ${formatNumber(Math.abs(im))}i, |λ| = ${formatNumber(m)}`;
  }

  gPts.on('pointerover', (ev: PointerEvent) => {
    const t = ev.target as SVGCircleElement;
    if (t.dataset.re === undefined) return;
    const i = Array.prototype.indexOf.call(t.parentNode!.childNodes, t);
    hover.textContent = pointText(i);
  });
  gPts.on('pointerleave', () => {
    hover.textContent = '';
  });

  const stop = observeWidth(figure, (w) => {
    width = w;
    render();
  });
  svg.attr('aria-label', labels.ariaLabel ?? '');

  return {
    element: figure,
    update(next) {
      const legendChanged = (next.ring === undefined) !== (pts.ring === undefined);
      pts = next;
      render();
      if (legendChanged || !legend.childElementCount) renderLegend();
    },
    setLabels(next) {
      Object.assign(labels, next);
      svg.attr('aria-label', labels.ariaLabel ?? '');
      renderLegend();
      render();
    },
    destroy() {
      stop();
      select(figure).remove();
    },
  };
}
