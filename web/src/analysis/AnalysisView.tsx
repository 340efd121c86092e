// One analysis shown as the user chose: a pivot table (rows and columns of
// their choice), a line chart over the periods (or year on year: each year
// a line over its months or quarters), a bar chart across the units for one
// period, or a map of one indicator over the units for one period. Every
// value is shown with its indicator's declared precision; an indicator's
// bands from the catalogue are drawn as threshold lines when it is the only
// one drawn. Used by the analysis page and by favourites on the dashboard.
import { useMemo, useState } from 'preact/hooks';
import { get, type IndicatorValue, type Unit } from '../api';
import { Chart, type ChartOption, type GeoCollection } from '../components/Chart';
import { Choropleth } from '../components/Choropleth';
import { Busy, ErrorBox, Notice } from '../components/Status';
import { fetchChildren } from '../components/UnitTree';
import { useLoad } from '../hooks';
import { useI18n, type I18n } from '../i18n';
import { findDef, thresholdLines, type Catalogue } from '../indicators';
import { Grid, periodParts, pivot, type AnalysisCell, type AnalysisSpec, type Dim } from './model';

const MAX_SERIES = 40;

const asValue = (c: AnalysisCell | undefined): IndicatorValue | undefined =>
  c && { value: c.v ?? null, numerator: c.n ?? null, denominator: c.d ?? null, unit: '', flags: c.f };

function PivotTable({ grid, rows, columns, testid }: { grid: Grid; rows: Dim[]; columns: Dim[]; testid: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const p = useMemo(() => pivot(grid, rows, columns), [grid, rows.join(), columns.join()]);
  const precision = (i: number) => grid.result.indicators[i].precision;
  // Header rows, one per column dim; a label spans the columns it heads.
  const headerRows = p.colDims.map((dim, level) => {
    const spans: { label: string; span: number }[] = [];
    p.cols.forEach((c, k) => {
      const label = grid.label(i18n, dim, c[level]);
      const prev = k > 0 ? p.cols[k - 1] : null;
      const same = prev && prev.slice(0, level + 1).every((x, j) => x === c[j]);
      if (same) spans[spans.length - 1].span++;
      else spans.push({ label, span: 1 });
    });
    return { dim, spans };
  });
  return (
    <div class="table-scroll">
      <table class="table pivot" data-testid={testid} data-rows={p.rows.length} data-cols={p.cols.length}>
        <thead>
          {headerRows.map((h, level) => (
            <tr key={h.dim}>
              {p.rowDims.map((d) => (
                <th key={d} class="pivot-dim">{level === headerRows.length - 1 ? t(`an.dim.${d}`) : ''}</th>
              ))}
              {h.spans.map((s, k) => <th key={k} colSpan={s.span} class="num">{s.label}</th>)}
            </tr>
          ))}
        </thead>
        <tbody>
          {p.rows.map((r, row) => (
            <tr key={row} data-testid={`${testid}-row-${row}`}>
              {p.rowDims.map((d, level) => {
                // An outer label is written once for the rows it heads.
                const prev = row > 0 ? p.rows[row - 1] : null;
                const same = level < p.rowDims.length - 1 && prev && prev.slice(0, level + 1).every((x, j) => x === r[j]);
                return <th key={d} scope="row" class="pivot-label">{same ? '' : grid.label(i18n, d, r[level])}</th>;
              })}
              {p.cols.map((_c, col) => {
                const { cell, indicator } = p.cell(row, col);
                return (
                  <td key={col} class="num" data-testid={`${testid}-cell-${row}-${col}`} data-value={cell?.v ?? ''}
                    title={cell?.f?.length ? cell.f.join(', ') : undefined}>
                    {i18n.fixed(cell?.v, precision(indicator))}{cell?.f?.length ? ' ⚠' : ''}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// The series of a line chart: one per indicator and unit over the periods,
// or, year on year, one per indicator, unit and year over the months or
// quarters within a year.
function lineOption(i18n: I18n, grid: Grid, catalogue: Catalogue | null, yoy: boolean): ChartOption {
  const r = grid.result;
  const one = r.indicators.length === 1 ? r.indicators[0] : null;
  const name = (i: number, u: number, extra?: string) => [
    r.indicators.length > 1 ? grid.label(i18n, 'indicator', i) : null,
    r.units.length > 1 || r.indicators.length === 1 ? r.units[u].name : null,
    extra ?? null,
  ].filter(Boolean).join(' · ');
  // Indicators of two kinds of unit (births and the TFR) on an axis each:
  // the first kind on the left, any other on the right.
  const kinds = [...new Set(r.indicators.map((d) => d.unit))];
  const axisOf = (i: number) => Math.min(1, kinds.indexOf(r.indicators[i].unit));
  const fmtOf = (i: number) => (v: number) => i18n.fixed(v, r.indicators[i].precision);
  const series: object[] = [];
  let categories = r.periods.map((p) => p.label);
  const parts = r.periods.map((p) => periodParts(p.label));
  const byYear = yoy && parts.every((x) => x !== null);
  if (byYear) {
    const within = [...new Set(parts.map((x) => x!.within))].sort();
    const years = [...new Set(parts.map((x) => x!.year))].sort();
    categories = within;
    for (let i = 0; i < r.indicators.length; i++)
      for (let u = 0; u < r.units.length; u++)
        for (const y of years)
          series.push({
            name: name(i, u, y), type: 'line', connectNulls: false, yAxisIndex: axisOf(i), tooltip: { valueFormatter: fmtOf(i) },
            data: within.map((w) => {
              const p = parts.findIndex((x) => x!.year === y && x!.within === w);
              return p < 0 ? null : grid.at(i, u, p)?.v ?? null;
            }),
          });
  } else {
    for (let i = 0; i < r.indicators.length; i++)
      for (let u = 0; u < r.units.length; u++)
        series.push({
          name: name(i, u), type: 'line', connectNulls: false, yAxisIndex: axisOf(i), tooltip: { valueFormatter: fmtOf(i) },
          data: r.periods.map((_p, p) => grid.at(i, u, p)?.v ?? null),
        });
  }
  const shown = series.slice(0, MAX_SERIES);
  if (one && shown.length > 0)
    (shown[0] as { markLine?: unknown }).markLine = thresholdLines(i18n, findDef(catalogue, one.code), 'yAxis');
  const digits = one ? one.precision : 2;
  return {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 56, right: kinds.length > 1 ? 56 : 24, top: 40, bottom: 28 },
    xAxis: { type: 'category', data: categories },
    yAxis: kinds.slice(0, 2).map((_k, a) => {
      const first = r.indicators.find((_d, i) => axisOf(i) === a);
      return { type: 'value', scale: true, splitLine: { show: a === 0 },
        axisLabel: { formatter: (v: number) => i18n.num(v, first?.precision ?? digits) } };
    }),
    series: shown,
  };
}

function barOption(i18n: I18n, grid: Grid, catalogue: Catalogue | null, p: number): ChartOption {
  const r = grid.result;
  const one = r.indicators.length === 1 ? r.indicators[0] : null;
  const series = r.indicators.map((ind, i) => ({
    name: grid.label(i18n, 'indicator', i),
    type: 'bar',
    label: { show: r.indicators.length === 1, position: 'right',
      formatter: (x: { value: number }) => i18n.fixed(x.value, ind.precision) },
    data: r.units.map((_u, u) => grid.at(i, u, p)?.v ?? null),
    markLine: one ? thresholdLines(i18n, findDef(catalogue, one.code), 'xAxis') : undefined,
  }));
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 8, right: 48, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: r.units.map((u) => u.name), axisLabel: { width: 140, overflow: 'truncate' } },
    series,
  };
}

function AnalysisMap({ spec, grid, catalogue, p, onDrill }: {
  spec: AnalysisSpec; grid: Grid; catalogue: Catalogue | null; p: number; onDrill?: (code: string) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [i, setI] = useState(0);
  const r = grid.result;
  const outlines = useLoad(spec.units === 'children' ? () => Promise.all([
    get<GeoCollection>(`/api/v1/units/${encodeURIComponent(spec.unit)}/boundaries`),
    fetchChildren(spec.unit),
  ]) : null, [spec.unit, spec.units]);
  const rows = useMemo(() => r.units.map((u, k) => ({ code: u.code, name: u.name, v: asValue(grid.at(i, k, p)) })), [grid, i, p]);
  const children = useMemo(() => new Map<string, Unit>((outlines.data?.[1] ?? []).map((u) => [u.code, u])), [outlines.data]);
  if (spec.units !== 'children') return <Notice testid="analysis-map-needs-children">{t('an.mapNeedsChildren')}</Notice>;
  const geo = outlines.data?.[0];
  const code = r.indicators[i]?.code ?? '';
  return (
    <>
      {r.indicators.length > 1 && (
        <label class="inline">
          {t('dash.childIndicator')}{' '}
          <select value={i} data-testid="analysis-map-indicator" onChange={(e) => setI(Number((e.target as HTMLSelectElement).value))}>
            {r.indicators.map((d, k) => <option key={d.code} value={k}>{grid.label(i18n, 'indicator', k)}</option>)}
          </select>
        </label>
      )}
      <ErrorBox error={outlines.error} testid="analysis-map-error" onRetry={outlines.reload} />
      {outlines.loading && <Busy />}
      {geo && geo.features.length === 0 && <Notice>{t('map.noOutlines')}</Notice>}
      {geo && geo.features.length > 0 && (
        <Choropleth mapName={`danso-an-${spec.unit}`} geo={geo} rows={rows} code={code} def={findDef(catalogue, code)}
          children={children} onDrill={(c) => onDrill?.(c)} />
      )}
    </>
  );
}

export function AnalysisView({ spec, grid, catalogue, testid = 'analysis', onDrill, yoy: yoyAtFirst = false }: {
  spec: AnalysisSpec; grid: Grid; catalogue: Catalogue | null; testid?: string; onDrill?: (code: string) => void;
  yoy?: boolean;  // a line chart year on year at first
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const r = grid.result;
  const [period, setPeriod] = useState(-1);
  const [yoy, setYoy] = useState(yoyAtFirst);
  const p = period >= 0 && period < r.periods.length ? period : r.periods.length - 1;
  const periodChoice = (
    <label class="inline">
      {t('an.period')}{' '}
      <select value={p} data-testid={`${testid}-period`} onChange={(e) => setPeriod(Number((e.target as HTMLSelectElement).value))}>
        {r.periods.map((x, k) => <option key={x.label} value={k}>{x.label}</option>)}
      </select>
    </label>
  );
  if (r.cells.length === 0) return <Notice testid={`${testid}-empty`}>{t('an.empty')}</Notice>;
  const seriesCount = r.indicators.length * r.units.length;
  return (
    <div class="analysis-view" data-testid={`${testid}-view`} data-view={spec.view}>
      {spec.view === 'table' && <PivotTable grid={grid} rows={spec.rows} columns={spec.columns} testid={`${testid}-pivot`} />}
      {spec.view === 'line' && (
        <>
          <label class="inline small">
            <input type="checkbox" checked={yoy} data-testid={`${testid}-yoy`} onChange={() => setYoy(!yoy)} /> {t('an.yoy')}
          </label>
          {seriesCount * (yoy ? 2 : 1) > MAX_SERIES && <Notice>{t('an.tooManySeries', { n: MAX_SERIES })}</Notice>}
          <Chart testid={`${testid}-line`} height={320} option={lineOption(i18n, grid, catalogue, yoy)} />
        </>
      )}
      {spec.view === 'bar' && (
        <>
          {r.periods.length > 1 && periodChoice}
          <Chart testid={`${testid}-bar`} height={Math.max(200, 24 * r.units.length * Math.min(3, r.indicators.length) + 60)}
            option={barOption(i18n, grid, catalogue, p)} />
        </>
      )}
      {spec.view === 'map' && (
        <>
          {r.periods.length > 1 && periodChoice}
          <AnalysisMap spec={spec} grid={grid} catalogue={catalogue} p={p} onDrill={onDrill} />
        </>
      )}
    </div>
  );
}
