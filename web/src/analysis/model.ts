// Free analysis: what the user chose (a spec, also what a favourite keeps),
// the server's answer (GET /api/v1/analysis: indicators × units × periods)
// and the pivot of it with the rows and columns the user picks.
import { getFigures, withQuery, type Figures, type Query } from '../api';
import type { I18n } from '../i18n';

export type Dim = 'indicator' | 'unit' | 'period';
export const DIMS: Dim[] = ['indicator', 'unit', 'period'];
export type View = 'table' | 'line' | 'bar' | 'map';
export const VIEWS: View[] = ['table', 'line', 'bar', 'map'];
export type Every = 'month' | 'quarter' | 'year';

export interface AnalysisSpec {
  indicators: string[];
  unit: string;
  units: 'self' | 'children' | 'level';
  level?: string;
  // Either periods named one by one, or a range cut into months, quarters or years.
  periods?: string[];
  from?: string;
  to?: string;
  every?: Every;
  view: View;
  rows: Dim[];
  columns: Dim[];
}

export interface AnalysisCell {
  i: number;
  u: number;
  p: number;
  v?: number;
  n?: number;
  d?: number;
  f?: string[];
}

export interface AnalysisResult {
  indicators: { code: string; vi: string; en: string; unit: string; precision: number }[];
  units: { code: string; name: string; level: string }[];
  periods: { label: string; from: string; to: string }[];
  cells: AnalysisCell[];
}

export function specQuery(spec: AnalysisSpec): Query {
  const q: Query = { indicators: spec.indicators.join(','), unit: spec.unit, units: spec.units };
  if (spec.units === 'level') q.level = spec.level;
  if (spec.periods && spec.periods.length > 0) q.periods = spec.periods.join(',');
  else {
    q.from = spec.from;
    q.to = spec.to;
    q.every = spec.every;
  }
  return q;
}

export function fetchAnalysis(spec: AnalysisSpec): Promise<Figures<AnalysisResult>> {
  return getFigures<AnalysisResult>('/api/v1/analysis', specQuery(spec));
}

// The export of the pivot as shown: same query, its rows and columns, the language.
export function exportHref(spec: AnalysisSpec, format: 'xlsx' | 'csv', lang: string): string {
  return withQuery('/api/v1/analysis', {
    ...specQuery(spec), rows: spec.rows.join(','), columns: spec.columns.join(','), lang, format,
  });
}

// The cells by position: grid.at(i, u, p).
export class Grid {
  private readonly cells: (AnalysisCell | undefined)[];
  constructor(readonly result: AnalysisResult) {
    const { indicators, units, periods } = result;
    this.cells = new Array(indicators.length * units.length * periods.length);
    for (const c of result.cells) this.cells[(c.i * units.length + c.u) * periods.length + c.p] = c;
  }
  at(i: number, u: number, p: number): AnalysisCell | undefined {
    return this.cells[(i * this.result.units.length + u) * this.result.periods.length + p];
  }
  size(dim: Dim): number {
    const r = this.result;
    return dim === 'indicator' ? r.indicators.length : dim === 'unit' ? r.units.length : r.periods.length;
  }
  label(i18n: I18n, dim: Dim, index: number): string {
    const r = this.result;
    if (dim === 'indicator') {
      const d = r.indicators[index];
      return i18n.lang === 'en' ? d.en : d.vi;
    }
    return dim === 'unit' ? r.units[index].name : r.periods[index].label;
  }
}

// Every combination of the dims' positions, the first dim slowest.
function combinations(grid: Grid, dims: Dim[]): number[][] {
  let out: number[][] = [[]];
  for (const d of dims) {
    const next: number[][] = [];
    for (const prefix of out) for (let k = 0; k < grid.size(d); k++) next.push([...prefix, k]);
    out = next;
  }
  return out;
}

export interface Pivot {
  rowDims: Dim[];
  colDims: Dim[];
  rows: number[][];   // per row, the position in each row dim
  cols: number[][];   // per column, the position in each column dim
  cell: (row: number, col: number) => { cell: AnalysisCell | undefined; indicator: number };
}

export function pivot(grid: Grid, rowDims: Dim[], colDims: Dim[]): Pivot {
  const rows = combinations(grid, rowDims);
  const cols = combinations(grid, colDims);
  const pos = (dim: Dim, r: number[], c: number[]) => {
    const ri = rowDims.indexOf(dim);
    if (ri >= 0) return r[ri];
    const ci = colDims.indexOf(dim);
    return ci >= 0 ? c[ci] : 0;
  };
  return {
    rowDims,
    colDims,
    rows,
    cols,
    cell: (row, col) => {
      const r = rows[row];
      const c = cols[col];
      const i = pos('indicator', r, c);
      return { cell: grid.at(i, pos('unit', r, c), pos('period', r, c)), indicator: i };
    },
  };
}

// What the analysis page starts from: births, the crude birth rate and the
// TFR of the unit's children, month by month over the last whole year.
export function defaultSpec(unit: string): AnalysisSpec {
  const y = new Date().getFullYear() - 1;
  return {
    indicators: ['births', 'cbr', 'tfr'], unit, units: 'children', from: `${y}-01`, to: `${y}-12`, every: 'month',
    view: 'table', rows: ['unit', 'indicator'], columns: ['period'],
  };
}

// A spec as saved (by this page, or sent to the API with only what it
// requires), completed as the API reads it: units `self`, months, the
// table, rows unit and indicator and the periods across, each dim once.
export function completeSpec(saved: Partial<AnalysisSpec> & { indicators: string[]; unit: string }): AnalysisSpec {
  const byList = !!saved.periods && saved.periods.length > 0;
  const layout = completeLayout(saved.rows ?? ['unit', 'indicator'], saved.columns ?? ['period']);
  return {
    indicators: saved.indicators,
    unit: saved.unit,
    units: saved.units ?? 'self',
    level: saved.units === 'level' ? saved.level : undefined,
    periods: byList ? saved.periods : undefined,
    from: byList ? undefined : saved.from,
    to: byList ? undefined : saved.to,
    every: byList ? undefined : saved.every ?? 'month',
    view: saved.view && VIEWS.includes(saved.view) ? saved.view : 'table',
    rows: layout.rows,
    columns: layout.columns,
  };
}

// A layout with each dim once: `rows` as chosen, the columns the dims left.
export function completeLayout(rows: Dim[], columns: Dim[]): { rows: Dim[]; columns: Dim[] } {
  const r = rows.filter((d, k) => DIMS.includes(d) && rows.indexOf(d) === k);
  const c = columns.filter((d, k) => DIMS.includes(d) && !r.includes(d) && columns.indexOf(d) === k);
  for (const d of DIMS) if (!r.includes(d) && !c.includes(d)) c.push(d);
  if (r.length === 0 && c.length > 0) r.push(c.shift()!);
  return { rows: r, columns: c };
}

// Consecutive periods of a kind, named as the server names them, for the
// year-on-year view: the month (or quarter) within its year, and the year.
export function periodParts(label: string): { year: string; within: string } | null {
  const m = /^(\d{4})-(\d{2}|Q[1-4])$/.exec(label);
  return m ? { year: m[1], within: m[2] } : null;
}
