/** A small line chart in SVG (no chart library): the value now and its recent course. */
export function Chart({ title, value, points }: { title: string; value: string; points: Array<{ x: number; y: number }> }) {
  const w = 240;
  const h = 64;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const yMax = Math.max(1, ...ys);
  const d = points.map((p, i) => `${i ? 'L' : 'M'}${(((p.x - x0) / Math.max(1, x1 - x0)) * w).toFixed(1)},${(h - (p.y / yMax) * (h - 4) - 2).toFixed(1)}`).join('');
  return (
    <figure class="chart">
      <figcaption>
        {title} <strong>{value}</strong>
      </figcaption>
      <svg viewBox={`0 0 ${w} ${h}`} width="100%" height={h} role="img" aria-label={`${title} ${value}`}>
        <path d={d} fill="none" stroke="currentColor" stroke-width="2" />
      </svg>
    </figure>
  );
}
