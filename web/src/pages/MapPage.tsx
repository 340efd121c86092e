// The map of any indicator over the units below the chosen one: their
// outlines (GET /api/v1/units/{code}/boundaries) coloured by the value of
// each (GET /api/v1/indicators?children=1), in the indicator's own bands
// (the TFR) or in classes of equal counts, with a legend; the tooltip gives
// value, numerator and denominator; a click on a unit (or its button in the
// list below) opens its own map, "up" the one above. The same scope as
// everywhere: units the caller may not see are neither drawn nor listed.
import { useMemo, useState } from 'preact/hooks';
import { get, type IndicatorSet, type IndicatorValue, type Unit } from '../api';
import { Chart, escapeHtml, registerOutlines, type GeoCollection } from '../components/Chart';
import { Busy, ErrorBox, Notice } from '../components/Status';
import { fetchChildren, mayHaveChildren } from '../components/UnitTree';
import { useLoad, usePeriodInput } from '../hooks';
import { useI18n } from '../i18n';
import { BAND_COLOURS, fertilityBand, indicatorName, isCount } from '../indicators';
import { useApp } from '../state';
import { classOfQuantile, quantileClasses, type MapClass } from './mapClasses';

const NO_VALUE_COLOUR = '#d9d9d9';

interface Shaded {
  code: string;
  name: string;
  v: IndicatorValue | undefined;
  cls: MapClass | undefined;
}

export function MapPage() {
  const i18n = useI18n();
  const { t, num } = i18n;
  const app = useApp();
  const unit = app.unit;
  const { text, setText, period, apply } = usePeriodInput();
  const [indicator, setIndicator] = useState('tfr');
  const hasChildren = !!unit && mayHaveChildren(unit);

  const outlines = useLoad(hasChildren ? () => Promise.all([
    get<GeoCollection>(`/api/v1/units/${encodeURIComponent(unit!.code)}/boundaries`),
    fetchChildren(unit!.code),
  ]) : null, [unit?.code]);
  const values = useLoad(hasChildren ? () => get<IndicatorSet[]>('/api/v1/indicators', { unit: unit!.code, period, children: 1 }) : null,
    [unit?.code, period]);

  const mapName = unit ? `danso-${unit.code}` : '';
  const geo = outlines.data?.[0];
  const children = useMemo(() => new Map<string, Unit>((outlines.data?.[1] ?? []).map((u) => [u.code, u])), [outlines.data]);
  const codes = useMemo(() => Object.keys(values.data?.[0]?.indicators ?? {}), [values.data]);

  const fmt = (n: number) => num(n, 2);
  const shaded = useMemo<{ rows: Shaded[]; classes: MapClass[]; bands: boolean }>(() => {
    const sets = values.data ?? [];
    const bands = indicator === 'tfr';
    const vals = sets.map((s) => s.indicators[indicator]?.value).filter((v): v is number => v !== null && v !== undefined);
    const classes: MapClass[] = bands
      ? [
          { key: 'low', min: -Infinity, max: 1.8, label: `${t('map.band.low')}: < ${fmt(1.8)}`, colour: BAND_COLOURS.low },
          { key: 'replacement', min: 1.8, max: 2.3, label: `${t('map.band.replacement')}: ${fmt(1.8)}–${fmt(2.3)}`,
            colour: BAND_COLOURS.replacement },
          { key: 'high', min: 2.3, max: Infinity, label: `${t('map.band.high')}: > ${fmt(2.3)}`, colour: BAND_COLOURS.high },
        ]
      : quantileClasses(vals, fmt);
    const rows = sets.map((s) => {
      const v = s.indicators[indicator];
      const value = v?.value;
      const cls = value === null || value === undefined ? undefined
        : bands ? classes.find((c) => c.key === fertilityBand(value)) : classOfQuantile(value, classes);
      return { code: s.unit, name: s.name, v, cls };
    });
    return { rows, classes, bands };
  }, [values.data, indicator, i18n.lang]);

  const option = useMemo(() => {
    if (!geo || !unit) return null;
    registerOutlines(mapName, geo);
    const [, s, , n] = geo.bbox ?? [0, 0, 1, 1];
    const name = indicatorName(i18n, indicator);
    return {
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (p: { name: string; data?: { unitName: string; v?: IndicatorValue } }) => {
          const v = p.data?.v;
          const unitName = escapeHtml(p.data?.unitName ?? p.name);
          if (!v || v.value === null) return `${unitName}<br/>${escapeHtml(name)}: ${t('dash.noValue')}`;
          const digits = isCount(v) ? 0 : 2;
          let html = `<b>${unitName}</b><br/>${escapeHtml(name)}: ${num(v.value, digits)}`;
          if (v.numerator !== null) html += `<br/>${t('dash.numerator')}: ${num(v.numerator, 2)}`;
          if (v.denominator !== null) html += `<br/>${t('dash.denominator')}: ${num(v.denominator, 2)}`;
          return html;
        },
      },
      series: [{
        type: 'map',
        map: mapName,
        nameProperty: 'code',
        // Zoom and pan with the mouse; on a phone the page scrolls over the map.
        roam: window.innerWidth > 600,
        // Degrees of longitude are shorter than those of latitude away from the equator.
        aspectScale: Math.cos((((s + n) / 2) * Math.PI) / 180),
        layoutCenter: ['50%', '50%'],
        layoutSize: '95%',
        emphasis: { label: { show: false }, itemStyle: { areaColor: '#f5c542' } },
        select: { disabled: true },
        itemStyle: { borderColor: '#ffffff', borderWidth: 1, areaColor: NO_VALUE_COLOUR },
        data: shaded.rows.map((r) => ({
          name: r.code,
          unitName: r.name,
          v: r.v,
          value: r.v?.value ?? null,
          itemStyle: { areaColor: r.cls?.colour ?? NO_VALUE_COLOUR },
        })),
      }],
    };
  }, [geo, shaded, mapName]);

  if (!unit) return <Notice>{t('app.chooseUnit')}</Notice>;

  const drill = (code: string) => {
    const u = children.get(code);
    if (u && mayHaveChildren(u)) app.selectUnit(u, [...app.path, u]);
  };
  const up = app.path.length > 1 ? app.path[app.path.length - 2] : null;
  // As tall as the outlines need at about the content's width, within the screen.
  const [bw, bs, be, bn] = geo?.bbox ?? [0, 0, 1, 1];
  const shape = (bn - bs) / Math.max(1e-9, (be - bw) * Math.cos((((bs + bn) / 2) * Math.PI) / 180));
  const width = Math.min(window.innerWidth < 700 ? window.innerWidth - 48 : window.innerWidth - 340, 1000);
  const height = Math.round(Math.max(240, Math.min(width * shape * 1.05, Math.max(320, window.innerHeight * 0.7))));

  return (
    <section class="page" data-testid="map-page" data-unit={unit.code}>
      <h2>{t('map.title', { unit: unit.name })}</h2>
      <form class="toolbar" onSubmit={(e) => { e.preventDefault(); apply(); }}>
        <label class="inline">
          {t('dash.childIndicator')}{' '}
          <select value={indicator} data-testid="map-indicator" onChange={(e) => setIndicator((e.target as HTMLSelectElement).value)}>
            {(codes.length ? codes : [indicator]).map((c) => <option key={c} value={c}>{indicatorName(i18n, c)}</option>)}
          </select>
        </label>
        <label class="inline">
          {t('dash.period')}{' '}
          <input value={text} size={10} data-testid="map-period" onInput={(e) => setText((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit" data-testid="map-apply">{t('dash.apply')}</button>
        {up && (
          <button type="button" data-testid="map-up" onClick={() => app.selectUnit(up, app.path.slice(0, -1))}>
            ↑ {t('map.up', { unit: up.name })}
          </button>
        )}
      </form>
      {!hasChildren && <Notice testid="map-no-children">{t('map.noChildren')}</Notice>}
      <ErrorBox error={outlines.error ?? values.error} testid="map-error" onRetry={() => { outlines.reload(); values.reload(); }} />
      {(outlines.loading || values.loading) && <Busy testid="map-busy" />}
      {geo && geo.features.length === 0 && <Notice testid="map-no-outlines">{t('map.noOutlines')}</Notice>}
      {geo && geo.missing.length > 0 && geo.features.length > 0 && (
        <Notice testid="map-missing">{t('map.missing', { codes: geo.missing.join(', ') })}</Notice>
      )}
      {option && values.data && geo && geo.features.length > 0 && (
        <div class="card map-card">
          <Chart testid="map-chart" height={height} option={option} onClick={(code) => drill(code)} />
          <p class="legend small" data-testid="map-legend" data-kind={shaded.bands ? 'bands' : 'quantiles'}>
            <span class="muted">{shaded.bands ? t('map.legendBands') : t('map.legendQuantiles')}</span>{' '}
            {shaded.classes.map((c) => (
              <span key={c.key} class="map-key" data-testid={`map-class-${c.key}`}>
                <span class="swatch" style={{ background: c.colour }} />{c.label}
              </span>
            ))}
            <span class="map-key"><span class="swatch" style={{ background: NO_VALUE_COLOUR }} />{t('map.noValue')}</span>
          </p>
          {[...children.values()].some(mayHaveChildren) && <p class="muted small">{t('map.drill')}</p>}
          <div class="drill-list" data-testid="map-units">
            {shaded.rows.map((r) => {
              const u = children.get(r.code);
              const canDrill = !!u && mayHaveChildren(u);
              return (
                <button key={r.code} type="button" class="small" data-testid={`map-unit-${r.code}`} data-class={r.cls?.key ?? ''}
                  data-value={r.v?.value ?? ''} disabled={!canDrill} onClick={() => drill(r.code)}>
                  <span class="swatch" style={{ background: r.cls?.colour ?? NO_VALUE_COLOUR }} />
                  {r.name}: {num(r.v?.value, isCount(r.v) ? 0 : 2)}
                </button>
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}
