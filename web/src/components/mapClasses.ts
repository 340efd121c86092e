// The classes of a choropleth where the indicator has no bands of its own
// (the TFR's are in ../indicators.ts): up to five classes of equal counts
// (quantiles of the units' values).
export interface MapClass {
  key: string;       // 'q1', ... ('low', 'replacement', 'high' for the TFR's bands)
  min: number;       // the class holds min <= v <= max (the first), min < v <= max (the others)
  max: number;
  label: string;
  colour: string;
}

// Sequential blues (ColorBrewer), lightest first.
const QUANTILE_COLOURS = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];

// Equal-count classes of the values: k = min(5, distinct values) classes,
// the i-th upper bound the value at rank ceil((i+1)·n/k).
export function quantileClasses(values: number[], fmt: (n: number) => string): MapClass[] {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const k = Math.min(5, new Set(sorted).size);
  const bounds: number[] = [];
  for (let i = 0; i < k; i++) {
    const b = sorted[Math.ceil(((i + 1) * sorted.length) / k) - 1];
    if (bounds.length === 0 || b > bounds[bounds.length - 1]) bounds.push(b);
  }
  const colours = bounds.length === 1 ? [QUANTILE_COLOURS[2]] : QUANTILE_COLOURS.slice(5 - bounds.length);
  return bounds.map((max, i) => {
    const min = i === 0 ? sorted[0] : bounds[i - 1];
    return { key: `q${i + 1}`, min, max, label: i === 0 ? `${fmt(min)}–${fmt(max)}` : `> ${fmt(min)}–${fmt(max)}`, colour: colours[i] };
  });
}

export function classOfQuantile(value: number, classes: MapClass[]): MapClass | undefined {
  return classes.find((c) => value <= c.max) ?? classes[classes.length - 1];
}
