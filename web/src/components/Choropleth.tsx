// A choropleth of one indicator over units outlined by GET
// /api/v1/units/{code}/boundaries: coloured in the indicator's own bands
// from the catalogue (the TFR's fertility levels, the SRB's normal band) or
// in classes of equal counts, with a legend; the tooltip gives value,
// numerator and denominator; a click on a unit (or its button in the list
// below) calls `onDrill` when that unit has units of its own. Used by the
// map page and by the free analysis.
import { useMemo } from 'preact/hooks';
import type { IndicatorValue, Unit } from '../api';
import { useI18n } from '../i18n';
import { bandName, bandOf, bandRange, formatValue, indicatorName, type IndicatorDef } from '../indicators';
import { classOfQuantile, quantileClasses, type MapClass } from './mapClasses';
import { Chart, escapeHtml, registerOutlines, type GeoCollection } from './Chart';
import { mayHaveChildren } from './UnitTree';

const NO_VALUE_COLOUR = '#d9d9d9';

export interface ShadedUnit {
  code: string;
  name: string;
  v: IndicatorValue | undefined;
}

interface Classed extends ShadedUnit {
  cls: MapClass | undefined;
}

export function Choropleth({ mapName, geo, rows, code, def, children, onDrill }: {
  mapName: string;
  geo: GeoCollection;
  rows: ShadedUnit[];
  code: string;
  def: IndicatorDef | undefined;
  children: Map<string, Unit>;
  onDrill: (code: string) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const show = (value: number | null | undefined, v?: IndicatorValue) => formatValue(i18n, def, value, v);

  const shaded = useMemo<{ rows: Classed[]; classes: MapClass[]; bands: boolean }>(() => {
    const bands = !!def && def.bands.length > 0;
    const vals = rows.map((r) => r.v?.value).filter((v): v is number => v !== null && v !== undefined);
    const classes: MapClass[] = bands
      ? def!.bands.map((b, k) => ({
          key: `b${k + 1}`, min: -Infinity, max: b.upper ?? Infinity,
          label: `${bandName(i18n, b)}: ${bandRange(i18n, def!, k)}`, colour: b.colour,
        }))
      : quantileClasses(vals, (n) => show(n));
    const classed = rows.map((r) => {
      const value = r.v?.value;
      let cls: MapClass | undefined;
      if (value !== null && value !== undefined) {
        const band = bands ? bandOf(def, value) : undefined;
        cls = bands ? classes[def!.bands.indexOf(band!)] : classOfQuantile(value, classes);
      }
      return { ...r, cls };
    });
    return { rows: classed, classes, bands };
  }, [rows, def, i18n.lang]);

  const option = useMemo(() => {
    registerOutlines(mapName, geo);
    const [, s, , n] = geo.bbox ?? [0, 0, 1, 1];
    const name = indicatorName(i18n, code, def);
    return {
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (p: { name: string; data?: { unitName: string; v?: IndicatorValue } }) => {
          const v = p.data?.v;
          const unitName = escapeHtml(p.data?.unitName ?? p.name);
          if (!v || v.value === null) return `${unitName}<br/>${escapeHtml(name)}: ${t('dash.noValue')}`;
          let html = `<b>${unitName}</b><br/>${escapeHtml(name)}: ${show(v.value, v)}`;
          if (v.numerator !== null) html += `<br/>${t('dash.numerator')}: ${i18n.num(v.numerator, 2)}`;
          if (v.denominator !== null) html += `<br/>${t('dash.denominator')}: ${i18n.num(v.denominator, 2)}`;
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

  // As tall as the outlines need at about the content's width, within the screen.
  const [bw, bs, be, bn] = geo.bbox ?? [0, 0, 1, 1];
  const shape = (bn - bs) / Math.max(1e-9, (be - bw) * Math.cos((((bs + bn) / 2) * Math.PI) / 180));
  const width = Math.min(window.innerWidth < 700 ? window.innerWidth - 48 : window.innerWidth - 340, 1000);
  const height = Math.round(Math.max(240, Math.min(width * shape * 1.05, Math.max(320, window.innerHeight * 0.7))));
  const canDrill = (c: string) => {
    const u = children.get(c);
    return !!u && mayHaveChildren(u);
  };

  return (
    <div class="card map-card">
      <Chart testid="map-chart" height={height} option={option} onClick={(c) => canDrill(c) && onDrill(c)} />
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
        {shaded.rows.map((r) => (
          <button key={r.code} type="button" class="small" data-testid={`map-unit-${r.code}`} data-class={r.cls?.key ?? ''}
            data-value={r.v?.value ?? ''} disabled={!canDrill(r.code)} onClick={() => onDrill(r.code)}>
            <span class="swatch" style={{ background: r.cls?.colour ?? NO_VALUE_COLOUR }} />
            {r.name}: {show(r.v?.value, r.v)}
          </button>
        ))}
      </div>
    </div>
  );
}
