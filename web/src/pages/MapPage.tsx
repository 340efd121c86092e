// The map of any indicator over the units below the chosen one: their
// outlines (GET /api/v1/units/{code}/boundaries) coloured by the value of
// each (GET /api/v1/indicators?children=1), in the indicator's own bands
// from the catalogue (the TFR's, the SRB's) or in classes of equal counts,
// with a legend (components/Choropleth.tsx); the tooltip gives
// value, numerator and denominator; a click on a unit (or its button in the
// list below) opens its own map, "up" the one above. The same scope as
// everywhere: units the caller may not see are neither drawn nor listed.
import { useMemo, useState } from 'preact/hooks';
import { get, type IndicatorSet, type Unit } from '../api';
import type { GeoCollection } from '../components/Chart';
import { Choropleth } from '../components/Choropleth';
import { Busy, ErrorBox, Notice } from '../components/Status';
import { fetchChildren, mayHaveChildren } from '../components/UnitTree';
import { useLoad, usePeriodInput } from '../hooks';
import { useI18n } from '../i18n';
import { findDef, indicatorName, useCatalogue } from '../indicators';
import { useApp } from '../state';

export function MapPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const app = useApp();
  const unit = app.unit;
  const { text, setText, period, apply } = usePeriodInput();
  const [indicator, setIndicator] = useState('tfr');
  const hasChildren = !!unit && mayHaveChildren(unit);
  const catalogue = useCatalogue();

  const outlines = useLoad(hasChildren ? () => Promise.all([
    get<GeoCollection>(`/api/v1/units/${encodeURIComponent(unit!.code)}/boundaries`),
    fetchChildren(unit!.code),
  ]) : null, [unit?.code]);
  const values = useLoad(hasChildren ? () => get<IndicatorSet[]>('/api/v1/indicators', { unit: unit!.code, period, children: 1 }) : null,
    [unit?.code, period]);

  const mapName = unit ? `danso-${unit.code}` : '';
  const geo = outlines.data?.[0];
  const children = useMemo(() => new Map<string, Unit>((outlines.data?.[1] ?? []).map((u) => [u.code, u])), [outlines.data]);
  const codes = useMemo(() => catalogue.data?.indicators.map((d) => d.code) ?? Object.keys(values.data?.[0]?.indicators ?? {}),
    [catalogue.data, values.data]);
  const rows = useMemo(() => (values.data ?? []).map((s) => ({ code: s.unit, name: s.name, v: s.indicators[indicator] })),
    [values.data, indicator]);
  const def = findDef(catalogue.data, indicator);

  if (!unit) return <Notice>{t('app.chooseUnit')}</Notice>;

  const drill = (code: string) => {
    const u = children.get(code);
    if (u && mayHaveChildren(u)) app.selectUnit(u, [...app.path, u]);
  };
  const up = app.path.length > 1 ? app.path[app.path.length - 2] : null;
  return (
    <section class="page" data-testid="map-page" data-unit={unit.code}>
      <h2>{t('map.title', { unit: unit.name })}</h2>
      <form class="toolbar" onSubmit={(e) => { e.preventDefault(); apply(); }}>
        <label class="inline">
          {t('dash.childIndicator')}{' '}
          <select value={indicator} data-testid="map-indicator" onChange={(e) => setIndicator((e.target as HTMLSelectElement).value)}>
            {(codes.length ? codes : [indicator]).map((c) => <option key={c} value={c}>{indicatorName(i18n, c, findDef(catalogue.data, c))}</option>)}
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
      {values.data && geo && geo.features.length > 0 && (
        <Choropleth mapName={mapName} geo={geo} rows={rows} code={indicator} def={def} children={children} onDrill={drill} />
      )}
    </section>
  );
}
