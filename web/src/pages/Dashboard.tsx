// The indicator dashboard of any unit and period: key indicators with their
// counts and flags, trends over years (one request per year), the population
// pyramid, child units compared in a sorted bar chart (fertility bands
// coloured) with drill-down to the village, and every indicator in a table.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { get, getFigures, type IndicatorSet, type IndicatorValue, type Pyramid, type Unit } from '../api';
import { Chart, type ChartOption } from '../components/Chart';
import { ExportButtons } from '../components/ExportButtons';
import { Busy, ErrorBox, Notice } from '../components/Status';
import { fetchChildren, mayHaveChildren } from '../components/UnitTree';
import { useLoad, usePeriodInput } from '../hooks';
import { hasKey, useI18n, type I18n } from '../i18n';
import { BAND_COLOURS, fertilityBand, indicatorName, isCount } from '../indicators';
import { useApp } from '../state';

const KEY_INDICATORS = ['population', 'births', 'deaths', 'cbr', 'cdr', 'tfr', 'srb', 'cpr_modern', 'e0', 'median_age',
  'marriages', 'child_marriages'];
const COMPARE = ['tfr', 'cbr', 'cdr', 'population', 'births', 'cpr_modern', 'srb', 'share_65plus'];
const TREND_YEARS = 5;
const STALE_RETRY_MS = 3000;


const digits = (v: IndicatorValue | undefined) => (isCount(v) ? 0 : 2);

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

function KeyCard({ code, v, period }: { code: string; v: IndicatorValue | undefined; period: string }) {
  const i18n = useI18n();
  const band = code === 'tfr' ? fertilityBand(v?.value) : null;
  return (
    <div class={`kpi${band ? ` band-${band}` : ''}`} data-testid={`kpi-${code}`}>
      <div class="kpi-name">{indicatorName(i18n, code)}</div>
      <div class="kpi-value" data-testid={`dashboard-${code}`} data-value={v?.value ?? ''}
        data-period={period}>
        {i18n.num(v?.value, digits(v))}
      </div>
      {v && v.numerator !== null && v.denominator !== null && (
        <div class="kpi-counts muted small">
          {i18n.num(v.numerator, 0)} / {i18n.num(v.denominator, 1)}
        </div>
      )}
      {band && <div class="small">{i18n.t(`dash.band.${band}`)}</div>}
      <Flags flags={v?.flags} testid={`dashboard-${code}-flags`} />
    </div>
  );
}

function trendOption(i18n: I18n, years: number[], sets: (IndicatorSet | null)[]): ChartOption {
  const series = (code: string, axis: number) => ({
    name: indicatorName(i18n, code),
    type: 'line',
    yAxisIndex: axis,
    connectNulls: false,
    data: sets.map((s) => s?.indicators[code]?.value ?? null),
  });
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 48, top: 40, bottom: 28 },
    xAxis: { type: 'category', data: years.map(String) },
    yAxis: [{ type: 'value', name: '‰' }, { type: 'value', name: 'TFR', min: 0 }],
    series: [series('cbr', 0), series('cdr', 0), series('tfr', 1)],
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

function compareOption(i18n: I18n, code: string, rows: { name: string; value: number | null }[]): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisLabel: { width: 140, overflow: 'truncate' } },
    series: [{
      name: indicatorName(i18n, code),
      type: 'bar',
      label: { show: true, position: 'right', formatter: (p: { value: number }) => i18n.num(p.value, 2) },
      data: rows.map((r) => {
        const band = code === 'tfr' ? fertilityBand(r.value) : null;
        return { value: r.value, itemStyle: { color: band ? BAND_COLOURS[band] : '#0f5f8c' } };
      }),
      markLine: code === 'tfr' ? {
        symbol: 'none', silent: true, lineStyle: { type: 'dashed', color: '#555' },
        data: [{ xAxis: 1.8 }, { xAxis: 2.3 }],
      } : undefined,
    }],
  };
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
  const years = useMemo(() => Array.from({ length: TREND_YEARS }, (_, i) => lastYear - TREND_YEARS + 1 + i), [lastYear]);
  // One request per year; a year the server refuses shows as a gap.
  const trend = useLoad(unit && main.data ? () => Promise.all(years.map((y) =>
    get<IndicatorSet>('/api/v1/indicators', { unit: unit.code, period: String(y) }).catch(() => null))) : null,
  [unit?.code, lastYear, !!main.data]);
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
            {KEY_INDICATORS.map((c) => <KeyCard key={c} code={c} v={main.data!.indicators[c]} period={main.data!.period} />)}
          </div>
          <div class="charts">
            <div class="card">
              <h3>{t('dash.trend')}</h3>
              {trend.loading && <Busy />}
              {trend.data && <Chart testid="chart-trend" option={trendOption(i18n, years, trend.data)} />}
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
                    {COMPARE.map((c) => <option key={c} value={c}>{indicatorName(i18n, c)}</option>)}
                  </select>
                </label>
              </div>
              {compare === 'tfr' && (
                <p class="legend small">
                  {(['high', 'replacement', 'low'] as const).map((b) => (
                    <span key={b} class={`band-key band-${b}`}>{t(`dash.band.${b}`)}</span>
                  ))}
                </p>
              )}
              <ErrorBox error={kids.error} testid="children-error" />
              {kids.loading && <Busy />}
              {kids.data && (
                <>
                  <Chart testid="chart-children" height={Math.max(160, 28 * compared.length + 24)}
                    option={compareOption(i18n, compare, compared)} onClick={(_n, i) => compared[i] && drill(compared[i].code)} />
                  <p class="muted small">{t('dash.drill')}</p>
                  <div class="drill-list" data-testid="drill-list">
                    {compared.map((r) => (
                      <button key={r.code} type="button" class="small" data-testid={`drill-${r.code}`}
                        data-band={compare === 'tfr' ? fertilityBand(r.value) ?? '' : undefined} onClick={() => drill(r.code)}>
                        {r.name}: {num(r.value, 2)}
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
                  <td data-label={t('dash.childIndicator')}>{indicatorName(i18n, code)}</td>
                  <td data-label={t('dash.value')}>{num(v.value, digits(v))}</td>
                  <td data-label={t('dash.numerator')}>{num(v.numerator, 2)}</td>
                  <td data-label={t('dash.denominator')}>{num(v.denominator, 2)}</td>
                  <td data-label={t('dash.flags')}><Flags flags={v.flags} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
