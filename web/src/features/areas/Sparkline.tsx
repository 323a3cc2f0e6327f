/** A small line of an indicator's history; decorative, the numbers stand in the table. */
export function Sparkline({ values }: { readonly values: readonly (number | null)[] }) {
  const known = values
    .map((v, i) => [i, v] as const)
    .filter((p): p is readonly [number, number] => p[1] !== null);
  if (known.length < 2) return null;
  const w = 80;
  const h = 20;
  const min = Math.min(...known.map((p) => p[1]));
  const max = Math.max(...known.map((p) => p[1]));
  const x = (i: number) => (values.length === 1 ? w / 2 : (i / (values.length - 1)) * (w - 4) + 2);
  const y = (v: number) => (max === min ? h / 2 : h - 2 - ((v - min) / (max - min)) * (h - 4));
  const points = known.map(([i, v]) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  const [li, lv] = known[known.length - 1]!;
  return (
    <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} aria-hidden="true" className="sparkline">
      <polyline points={points} fill="none" stroke="#0b5394" strokeWidth="1.5" />
      <circle cx={x(li)} cy={y(lv)} r="2.2" fill="#0b5394" />
    </svg>
  );
}
