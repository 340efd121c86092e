// The indicator dashboard of any unit and period: key indicators with their
// counts and flags, trends over every year the register covers (or month by
// month, year on year), the population pyramid, child units compared in a
// sorted bar chart (coloured in the indicator's bands, its thresholds drawn)
// with drill-down to the village, every indicator in a table, and the
// analyses the user saved for the dashboard. Every value is shown with its
// indicator's declared precision (the catalogue's).
import { useEffect, useMemo, useState } from 'preact/hooks';
import { get, getFigures, type IndicatorSet, type IndicatorValue, type Pyramid, type Unit } from '../api';
import { AnalysisView } from '../analysis/AnalysisView';
import { completeSpec, fetchAnalysis, Grid, type AnalysisSpec } from '../analysis/model';
import { Chart, type ChartOption } from '../components/Chart';
import { ExportButtons } from '../components/ExportButtons';
import { Busy, ErrorBox, Notice } from '../components/Status';
import { fetchChildren, mayHaveChildren } from '../components/UnitTree';
import { useLoad, usePeriodInput } from '../hooks';
import { hasKey, useI18n, type I18n } from '../i18n';
import { bandName, bandOf, bandRange, findDef, formatValue, indicatorName, thresholdLines, useCatalogue,
  type Catalogue, type IndicatorDef } from '../indicators';
import { useApp } from '../state';
import type { Favourite } from './Analysis';

const KEY_INDICATORS = ['population', 'births', 'deaths', 'cbr', 'cdr', 'tfr', 'srb', 'cpr_modern', 'e0', 'median_age',
  'marriages', 'child_marriages'];
const TREND = ['cbr', 'cdr', 'tfr'];
const TREND_MONTHLY = ['births', 'deaths'];
const STALE_RETRY_MS = 3000;

function Flags({ flags, testid }: { flags?: string[]; testid?: string }) {
  const i18n = useI18n();
  if (!flags || flags.length === 0) return null;
  return (
    <span class="flags" data-testid={testid} title={i18n.t('dash.flagsTitle')}>
      {flags.map((f) => {
        const pooled = f.startsWith('pooled:');
        const key = `dash.flag.${f}`;
        const text = pooled ? i18n.t('dash.flag.pooled', { years: f.slice(7) }) : hasKey(key) ? i18n.t(key) : f;
        return <span key={f} class={`flag flag-${pooled ? 'pooled' : f}`} data-flag={f}>⚠ {text}</span>;
      })}
    </span>
  );
}

function KeyCard({ code, v, period, def }: { code: string; v: IndicatorValue | undefined; period: string; def?: IndicatorDef }) {
  const i18n = useI18n();
  const band = bandOf(def, v?.value);
  return (
    <div class="kpi" data-testid={`kpi-${code}`} style={band ? { borderLeftColor: band.colour } : undefined}>
      <div class="kpi-name">{indicatorName(i18n, code, def)}</div>
      <div class="kpi-value" data-testid={`dashboard-${code}`} data-value={v?.value ?? ''}
        data-period={period}>
        {formatValue(i18n, def, v?.value, v)}
      </div>
      {v && v.numerator !== null && v.denominator !== null && (
        <div class="kpi-counts muted small">
          {i18n.num(v.numerator, 0)} / {i18n.num(v.denominator, 1)}
        </div>
      )}
      {band && <div class="small" data-testid={`dashboard-${code}-band`}>{bandName(i18n, band)}</div>}
      <Flags flags={v?.flags} testid={`dashboard-${code}-flags`} />
    </div>
  );
}

// The crude rates (‰, left axis) and the TFR (right axis, its bands'
// thresholds drawn) over every year of the answer.
function trendOption(i18n: I18n, grid: Grid, catalogue: Catalogue | null): ChartOption {
  const r = grid.result;
  const series = r.indicators.map((ind, i) => {
    const def = findDef(catalogue, ind.code);
    const axis = ind.code === 'tfr' ? 1 : 0;
    return {
      name: indicatorName(i18n, ind.code, ind),
      type: 'line',
      yAxisIndex: axis,
      connectNulls: false,
      data: r.periods.map((_p, p) => grid.at(i, 0, p)?.v ?? null),
      tooltip: { valueFormatter: (v: number) => i18n.fixed(v, ind.precision) },
      markLine: axis === 1 ? thresholdLines(i18n, def, 'yAxis') : undefined,
    };
  });
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 48, top: 40, bottom: 28 },
    xAxis: { type: 'category', data: r.periods.map((p) => p.label) },
    yAxis: [{ type: 'value', name: '‰' }, { type: 'value', name: 'TFR', min: 0 }],
    series,
  };
}

function pyramidOption(i18n: I18n, p: Pyramid): ChartOption {
  const ages = p.groups.map((g) => g.age);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => i18n.num(Math.abs(v)) },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 32, bottom: 24 },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => i18n.num(Math.abs(v)) } },
    yAxis: { type: 'category', data: ages, axisTick: { show: false } },
    series: [
      { name: i18n.t('dash.male'), type: 'bar', stack: 'p', color: '#2f6fb3', data: p.groups.map((g) => -g.male) },
      { name: i18n.t('dash.female'), type: 'bar', stack: 'p', color: '#d35a8c', data: p.groups.map((g) => g.female) },
    ],
  };
}

function compareOption(i18n: I18n, code: string, def: IndicatorDef | undefined,
  rows: { name: string; value: number | null }[]): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => formatValue(i18n, def, v) },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisLabel: { width: 140, overflow: 'truncate' } },
    series: [{
      name: indicatorName(i18n, code, def),
      type: 'bar',
      label: { show: true, position: 'right', formatter: (p: { value: number }) => formatValue(i18n, def, p.value) },
      data: rows.map((r) => ({ value: r.value, itemStyle: { color: bandOf(def, r.value)?.colour ?? '#0f5f8c' } })),
      markLine: thresholdLines(i18n, def, 'xAxis'),
    }],
  };
}

// The analyses the user saved for the dashboard, each as saved.
function FavouriteCard({ f, catalogue }: { f: Favourite; catalogue: Catalogue | null }) {
  const { t } = useI18n();
  const spec = useMemo(() => completeSpec(f.spec), [f.id, f.updated_at]);
  const result = useLoad(() => fetchAnalysis(spec), [f.id, f.updated_at]);
  const grid = useMemo(() => (result.data ? new Grid(result.data.data) : null), [result.data]);
  return (
    <div class="card" data-testid={`dashboard-fav-${f.id}`}>
      <div class="toolbar">
        <h3>{f.name}</h3>
        <span class="spacer" />
        <a href={`#/analysis/${f.id}`} class="small" data-testid={`dashboard-fav-open-${f.id}`}>{t('an.open')}</a>
      </div>
      {result.loading && <Busy />}
      <ErrorBox error={result.error} testid={`dashboard-fav-error-${f.id}`} onRetry={result.reload} />
      {grid && <AnalysisView spec={spec} grid={grid} catalogue={catalogue} testid={`dashboard-fav-${f.id}`} />}
    </div>
  );
}

// Whether a request has been running long enough to say the server is busy.
function useSlow(loading: boolean, ms = 1500): boolean {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!loading) {
      setSlow(false);
      return;
    }
    const id = setTimeout(() => setSlow(true), ms);
    return () => clearTimeout(id);
  }, [loading]);
  return slow;
}

export function Dashboard() {
  const i18n = useI18n();
  const { t, num } = i18n;
  const app = useApp();
  const unit = app.unit;
  const { text, setText, period, apply } = usePeriodInput();
  const [compare, setCompare] = useState('tfr');
  const [trendMode, setTrendMode] = useState<'years' | 'months'>('years');
  const catalogue = useCatalogue();
  const cat = catalogue.data;
  const def = (code: string) => findDef(cat, code);
  const favourites = useLoad(() => get<{ favourites: Favourite[] }>('/api/v1/favourites'), []);

  const figures = useLoad(unit ? () => getFigures<IndicatorSet>('/api/v1/indicators', { unit: unit.code, period }) : null,
    [unit?.code, period]);
  const main = { ...figures, data: figures.data?.data ?? null };
  // Figures from before a recent write: asked again until the refreshed ones are in.
  const stale = !!figures.data?.stale;
  useEffect(() => {
    if (!stale) return;
    const timer = setTimeout(figures.reload, STALE_RETRY_MS);
    return () => clearTimeout(timer);
  }, [stale, figures.data]);
  const slow = useSlow(main.loading);
  const to = main.data?.to;
  const pyramid = useLoad(unit && to ? () => get<Pyramid>('/api/v1/indicators/pyramid', { unit: unit.code, date: to }) : null,
    [unit?.code, to]);
  const lastYear = Number((to ?? period).slice(0, 4)) || new Date().getFullYear();
  // Every year the register covers, up to the period's.
  const firstYear = Math.min(lastYear, Number(cat?.covered.first.slice(0, 4)) || lastYear);
  const trendSpec = useMemo<AnalysisSpec | null>(() => (unit && cat ? (trendMode === 'years'
    ? { indicators: TREND, unit: unit.code, units: 'self', from: String(firstYear), to: String(lastYear), every: 'year',
        view: 'line', rows: ['indicator'], columns: ['period'] }
    : { indicators: TREND_MONTHLY, unit: unit.code, units: 'self', from: `${lastYear - 1}-01`, to: `${lastYear}-12`,
        every: 'month', view: 'line', rows: ['indicator'], columns: ['period'] }) : null),
  [unit?.code, firstYear, lastYear, trendMode, !!cat]);
  const trend = useLoad(trendSpec && main.data ? () => fetchAnalysis(trendSpec) : null, [JSON.stringify(trendSpec), !!main.data]);
  const trendGrid = useMemo(() => (trend.data ? new Grid(trend.data.data) : null), [trend.data]);
  const hasChildren = !!unit && mayHaveChildren(unit);
  const kids = useLoad(hasChildren && main.data ? () => Promise.all([
    get<IndicatorSet[]>('/api/v1/indicators', { unit: unit!.code, period, children: 1 }),
    fetchChildren(unit!.code),
  ]) : null, [unit?.code, period, !!main.data]);

  if (!unit) return <Notice>{t('app.chooseUnit')}</Notice>;

  const childUnits = new Map<string, Unit>((kids.data?.[1] ?? []).map((u) => [u.code, u]));
  const drill = (code: string) => {
    const u = childUnits.get(code);
    if (u) app.selectUnit(u, [...app.path, u]);
  };
  const compared = (kids.data?.[0] ?? [])
    .map((s) => ({ code: s.unit, name: s.name, value: s.indicators[compare]?.value ?? null }))
    .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity));
  const indicatorQuery = { unit: unit.code, period };
  const compareDef = def(compare);
  const compareCodes = cat?.indicators.map((d) => d.code) ?? Object.keys(main.data?.indicators ?? {});
  const pinned = favourites.data?.favourites.filter((f) => f.on_dashboard) ?? [];

  return (
    <section class="page" data-testid="dashboard-page">
      <h2>{t('dash.title', { unit: unit.name })}</h2>
      <form class="toolbar" onSubmit={(e) => { e.preventDefault(); apply(); }}>
        <label class="inline">
          {t('dash.period')}{' '}
          <input value={text} size={12} data-testid="dashboard-period" onInput={(e) => setText((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit" data-testid="dashboard-apply">{t('dash.apply')}</button>
        <span class="spacer" />
        <ExportButtons path="/api/v1/indicators" query={indicatorQuery} testid="indicators-export" />
      </form>
      {main.loading && <Busy text={slow ? t('dash.firstLoad') : undefined} testid="dashboard-busy" />}
      <ErrorBox error={main.error} testid="dashboard-error" onRetry={main.reload} />
      {stale && <Notice testid="dashboard-stale">{t('dash.stale', { asOf: figures.data?.asOf ?? '' })}</Notice>}
      {main.data && (
        <>
          {main.data.territory_changes && main.data.territory_changes.length > 0 && (
            <Notice testid="dashboard-territory">
              {t('dash.territory', { changes: main.data.territory_changes.map((c) => `${c.date} ${c.from}→${c.to}`).join(', ') })}
            </Notice>
          )}
          <h3>{t('dash.key')} <span class="muted small">{main.data.from} – {main.data.to}</span></h3>
          <div class="kpis" data-testid="dashboard-kpis">
            {KEY_INDICATORS.map((c) => <KeyCard key={c} code={c} v={main.data!.indicators[c]} period={main.data!.period} def={def(c)} />)}
          </div>
          <div class="charts">
            <div class="card">
              <div class="toolbar">
                <h3>{t('dash.trend')}</h3>
                <span class="spacer" />
                <label class="inline small">
                  {t('dash.trendMode')}{' '}
                  <select value={trendMode} data-testid="trend-mode"
                    onChange={(e) => setTrendMode((e.target as HTMLSelectElement).value as 'years' | 'months')}>
                    <option value="years">{t('dash.trendYears', { from: firstYear, to: lastYear })}</option>
                    <option value="months">{t('dash.trendMonths', { year: lastYear, prev: lastYear - 1 })}</option>
                  </select>
                </label>
              </div>
              {trend.loading && <Busy />}
              <ErrorBox error={trend.error ?? catalogue.error} testid="trend-error" onRetry={() => { catalogue.reload(); trend.reload(); }} />
              {trendGrid && trendMode === 'years' && (
                <Chart testid="chart-trend" option={trendOption(i18n, trendGrid, cat)} />
              )}
              {trendGrid && trendSpec && trendMode === 'months' && (
                <AnalysisView spec={trendSpec} grid={trendGrid} catalogue={cat} testid="trend-months" yoy />
              )}
            </div>
            <div class="card">
              <h3>{t('dash.pyramid', { date: to ?? '' })}</h3>
              <ErrorBox error={pyramid.error} testid="pyramid-error" />
              {pyramid.loading && <Busy />}
              {pyramid.data && <Chart testid="chart-pyramid" height={320} option={pyramidOption(i18n, pyramid.data)} />}
            </div>
          </div>
          {hasChildren && (
            <div class="card">
              <div class="toolbar">
                <h3>{t('dash.children')}</h3>
                <span class="spacer" />
                <label class="inline">
                  {t('dash.childIndicator')}{' '}
                  <select value={compare} data-testid="compare-indicator" onChange={(e) => setCompare((e.target as HTMLSelectElement).value)}>
                    {compareCodes.map((c) => <option key={c} value={c}>{indicatorName(i18n, c, def(c))}</option>)}
                  </select>
                </label>
              </div>
              {compareDef && compareDef.bands.length > 0 && (
                <p class="legend small" data-testid="compare-bands">
                  {compareDef.bands.map((b, k) => (
                    <span key={k} class="map-key"><span class="swatch" style={{ background: b.colour }} />
                      {bandName(i18n, b)}: {bandRange(i18n, compareDef, k)}</span>
                  ))}
                </p>
              )}
              <ErrorBox error={kids.error} testid="children-error" />
              {kids.loading && <Busy />}
              {kids.data && (
                <>
                  <Chart testid="chart-children" height={Math.max(160, 28 * compared.length + 24)}
                    option={compareOption(i18n, compare, compareDef, compared)} onClick={(_n, i) => compared[i] && drill(compared[i].code)} />
                  <p class="muted small">{t('dash.drill')}</p>
                  <div class="drill-list" data-testid="drill-list">
                    {compared.map((r) => (
                      <button key={r.code} type="button" class="small" data-testid={`drill-${r.code}`}
                        data-band={bandOf(compareDef, r.value)?.en ?? ''} onClick={() => drill(r.code)}>
                        {r.name}: {formatValue(i18n, compareDef, r.value)}
                      </button>
                    ))}
                  </div>
                </>
              )}
            </div>
          )}
          <h3>{t('dash.indicators')}</h3>
          <table class="table stack" data-testid="indicators-table">
            <thead>
              <tr><th>{t('dash.childIndicator')}</th><th>{t('dash.value')}</th><th>{t('dash.numerator')}</th>
                <th>{t('dash.denominator')}</th><th>{t('dash.flags')}</th></tr>
            </thead>
            <tbody>
              {Object.entries(main.data.indicators).map(([code, v]) => (
                <tr key={code} data-testid={`indicator-${code}`}>
                  <td data-label={t('dash.childIndicator')}>{indicatorName(i18n, code, def(code))}</td>
                  <td data-label={t('dash.value')}>{formatValue(i18n, def(code), v.value, v)}</td>
                  <td data-label={t('dash.numerator')}>{num(v.numerator, 2)}</td>
                  <td data-label={t('dash.denominator')}>{num(v.denominator, 2)}</td>
                  <td data-label={t('dash.flags')}><Flags flags={v.flags} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {pinned.length > 0 && (
        <>
          <h3>{t('dash.favourites')}</h3>
          <div class="favourites" data-testid="dashboard-favourites">
            {pinned.map((f) => <FavouriteCard key={f.id} f={f} catalogue={cat} />)}
          </div>
        </>
      )}
    </section>
  );
}
