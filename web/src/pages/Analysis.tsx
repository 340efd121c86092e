// Free analysis ("Phân tích"): any indicators of the catalogue (names from
// the catalogue, those an administrator added included) × the chosen unit,
// its children or every unit of a level below it × months, quarters or
// years of a range (or periods named one by one), from GET /api/v1/analysis;
// shown as a pivot with the rows and columns the user picks, a line chart, a
// bar chart or a map (analysis/AnalysisView.tsx); exported to .xlsx and CSV
// as laid out; kept as a favourite (GET/POST/PATCH/DELETE
// /api/v1/favourites), reopened at #/analysis/ID and, when asked, shown on
// the dashboard.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { del, get, patch, post } from '../api';
import { AnalysisView } from '../analysis/AnalysisView';
import { completeLayout, completeSpec, defaultSpec, DIMS, exportHref, fetchAnalysis, Grid, VIEWS, type AnalysisSpec, type Dim, type Every } from '../analysis/model';
import { Busy, ErrorBox, Notice } from '../components/Status';
import { toApiError, useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { indicatorName, useCatalogue } from '../indicators';
import { navigate } from '../router';
import { useApp } from '../state';
import type { ApiError } from '../api';

export interface Favourite {
  id: number;
  name: string;
  spec: AnalysisSpec;
  on_dashboard: boolean;
  created_at: string;
  updated_at: string;
}

const LEVELS = ['district', 'commune', 'village'];
const LEVEL_RANK: Record<string, number> = { province: 0, district: 1, commune: 2, village: 3 };

export function Analysis({ favouriteId }: { favouriteId?: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const app = useApp();
  const unit = app.unit;
  const catalogue = useCatalogue();
  const [spec, setSpec] = useState<AnalysisSpec>(() => defaultSpec(unit?.code ?? ''));
  const [applied, setApplied] = useState<AnalysisSpec | null>(null);
  const [periodsText, setPeriodsText] = useState('');
  const [filter, setFilter] = useState('');
  const [name, setName] = useState('');
  const [onDashboard, setOnDashboard] = useState(false);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const favourites = useLoad(() => get<{ favourites: Favourite[] }>('/api/v1/favourites'), []);

  // A unit chosen in the tree is the unit analysed.
  useEffect(() => {
    if (unit && unit.code !== spec.unit && !favouriteId) setSpec({ ...spec, unit: unit.code });
  }, [unit?.code]);
  // A favourite opened from the list or a link: its spec, shown at once
  // (once per favourite opened: pinning it keeps what the user changed).
  const opened = favourites.data?.favourites.find((f) => String(f.id) === favouriteId);
  useEffect(() => {
    if (!opened) return;
    const s = completeSpec(opened.spec);
    setSpec(s);
    setPeriodsText(s.periods?.join(', ') ?? '');
    setApplied(s);
    setName(opened.name);
    setOnDashboard(opened.on_dashboard);
  }, [opened?.id]);
  // Back to a new analysis (#/analysis, or the open one deleted): no name kept.
  useEffect(() => {
    if (favouriteId) return;
    setName('');
    setOnDashboard(false);
  }, [favouriteId]);

  const result = useLoad(applied ? () => fetchAnalysis(applied) : null, [JSON.stringify(applied)]);
  const grid = useMemo(() => (result.data ? new Grid(result.data.data) : null), [result.data]);

  if (!unit) return <Notice>{t('app.chooseUnit')}</Notice>;

  const set = (patchSpec: Partial<AnalysisSpec>) => setSpec({ ...spec, ...patchSpec });
  const toggle = (code: string) =>
    set({ indicators: spec.indicators.includes(code) ? spec.indicators.filter((c) => c !== code) : [...spec.indicators, code] });
  const byList = spec.periods !== undefined;
  const withPeriods = (s: AnalysisSpec): AnalysisSpec => (byList
    ? { ...s, periods: periodsText.split(/[\s,;]+/).filter(Boolean), from: undefined, to: undefined, every: undefined }
    : { ...s, periods: undefined });
  const run = () => {
    const s = withPeriods(spec);
    setSpec(s);
    setApplied(s);
    setSaved(null);
  };
  const layout = (rows: Dim[]) => {
    const l = completeLayout(rows, spec.columns);
    const s = { ...spec, rows: l.rows, columns: l.columns };
    setSpec(s);
    if (applied) setApplied({ ...applied, rows: l.rows, columns: l.columns });
  };
  const view = (v: AnalysisSpec['view']) => {
    set({ view: v });
    if (applied) setApplied({ ...applied, view: v });
  };
  const save = async () => {
    setSaveError(null);
    setSaved(null);
    const s = withPeriods(spec);
    try {
      const f = opened && opened.name === name.trim()
        ? await patch<Favourite>(`/api/v1/favourites/${opened.id}`, { spec: s, on_dashboard: onDashboard })
        : await post<Favourite>('/api/v1/favourites', { name: name.trim(), spec: s, on_dashboard: onDashboard });
      setSaved(f.name);
      favourites.reload();
      navigate('analysis', f.id);
    } catch (e) {
      setSaveError(toApiError(e));
    }
  };
  const remove = async (f: Favourite) => {
    if (!confirm(t('an.deleteConfirm', { name: f.name }))) return;
    try {
      await del(`/api/v1/favourites/${f.id}`);
      favourites.reload();
      if (String(f.id) === favouriteId) navigate('analysis');
    } catch (e) {
      setSaveError(toApiError(e));
    }
  };
  const pin = async (f: Favourite) => {
    try {
      await patch(`/api/v1/favourites/${f.id}`, { on_dashboard: !f.on_dashboard });
      favourites.reload();
    } catch (e) {
      setSaveError(toApiError(e));
    }
  };
  const defs = catalogue.data?.indicators ?? [];
  const shownDefs = defs.filter((d) => !filter || `${d.code} ${d.vi} ${d.en}`.toLowerCase().includes(filter.toLowerCase()));
  const unitRank = LEVEL_RANK[unit.kind] ?? 0;
  const rowDim2 = spec.rows[1] ?? '';

  return (
    <section class="page" data-testid="analysis-page">
      <h2>{t('an.title')}</h2>
      <form class="analysis-form" onSubmit={(e) => { e.preventDefault(); run(); }}>
        <fieldset class="card">
          <legend>{t('an.indicators', { n: spec.indicators.length })}</legend>
          <ErrorBox error={catalogue.error} testid="analysis-catalogue-error" onRetry={catalogue.reload} />
          <input type="search" value={filter} placeholder={t('an.filter')} data-testid="analysis-filter"
            onInput={(e) => setFilter((e.target as HTMLInputElement).value)} />
          <div class="check-list" data-testid="analysis-indicators">
            {shownDefs.map((d) => (
              <label key={d.code} class="check">
                <input type="checkbox" checked={spec.indicators.includes(d.code)} data-testid={`analysis-ind-${d.code}`}
                  onChange={() => toggle(d.code)} />
                {' '}{indicatorName(i18n, d.code, d)}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset class="card">
          <legend>{t('an.units', { unit: unit.name })}</legend>
          {(['self', 'children', 'level'] as const).map((u) => (
            <label key={u} class="check">
              <input type="radio" name="an-units" checked={spec.units === u} data-testid={`analysis-units-${u}`}
                onChange={() => set({ units: u, level: u === 'level' ? spec.level ?? LEVELS.find((l) => LEVEL_RANK[l] > unitRank + 1) ?? 'village' : undefined })} />
              {' '}{t(`an.units.${u}`)}
            </label>
          ))}
          {spec.units === 'level' && (
            <select value={spec.level} data-testid="analysis-level" onChange={(e) => set({ level: (e.target as HTMLSelectElement).value })}>
              {LEVELS.filter((l) => LEVEL_RANK[l] > unitRank).map((l) => <option key={l} value={l}>{i18n.tv('kind', l)}</option>)}
            </select>
          )}
        </fieldset>
        <fieldset class="card">
          <legend>{t('an.periods')}</legend>
          <label class="check">
            <input type="radio" name="an-periods" checked={!byList} data-testid="analysis-periods-range"
              onChange={() => set({ periods: undefined, from: spec.from ?? defaultSpec('').from, to: spec.to ?? defaultSpec('').to, every: spec.every ?? 'month' })} />
            {' '}{t('an.range')}
          </label>
          {!byList && (
            <div class="row-fields">
              <label class="inline">{t('an.from')} <input value={spec.from ?? ''} size={8} data-testid="analysis-from"
                onInput={(e) => set({ from: (e.target as HTMLInputElement).value.trim() })} /></label>
              <label class="inline">{t('an.to')} <input value={spec.to ?? ''} size={8} data-testid="analysis-to"
                onInput={(e) => set({ to: (e.target as HTMLInputElement).value.trim() })} /></label>
              <select value={spec.every} data-testid="analysis-every" onChange={(e) => set({ every: (e.target as HTMLSelectElement).value as Every })}>
                {(['month', 'quarter', 'year'] as const).map((k) => <option key={k} value={k}>{t(`an.every.${k}`)}</option>)}
              </select>
            </div>
          )}
          <label class="check">
            <input type="radio" name="an-periods" checked={byList} data-testid="analysis-periods-list"
              onChange={() => set({ periods: periodsText ? periodsText.split(/[\s,;]+/) : [] })} />
            {' '}{t('an.list')}
          </label>
          {byList && (
            <input value={periodsText} placeholder="2024, 2025-Q1, 2025-06" data-testid="analysis-periods"
              onInput={(e) => setPeriodsText((e.target as HTMLInputElement).value)} />
          )}
          <p class="muted small">{t('an.periodsHint')}</p>
        </fieldset>
        <div class="toolbar">
          <button type="submit" class="primary" data-testid="analysis-run" disabled={spec.indicators.length === 0}>{t('dash.apply')}</button>
        </div>
      </form>

      <div class="toolbar" role="group" aria-label={t('an.view')}>
        {VIEWS.map((v) => (
          <button key={v} type="button" class={spec.view === v ? 'active' : ''} aria-pressed={spec.view === v}
            data-testid={`analysis-view-${v}`} onClick={() => view(v)}>{t(`an.view.${v}`)}</button>
        ))}
        {spec.view === 'table' && (
          <>
            <label class="inline">
              {t('an.rows')}{' '}
              <select value={spec.rows[0]} data-testid="analysis-rows"
                onChange={(e) => layout([(e.target as HTMLSelectElement).value as Dim, ...spec.rows.slice(1).filter((d) => d !== (e.target as HTMLSelectElement).value)])}>
                {DIMS.map((d) => <option key={d} value={d}>{t(`an.dim.${d}`)}</option>)}
              </select>
            </label>
            <label class="inline">
              {t('an.rows2')}{' '}
              <select value={rowDim2} data-testid="analysis-rows2"
                onChange={(e) => { const v = (e.target as HTMLSelectElement).value as Dim | ''; layout(v ? [spec.rows[0], v] : [spec.rows[0]]); }}>
                <option value="">{t('an.none')}</option>
                {DIMS.filter((d) => d !== spec.rows[0]).map((d) => <option key={d} value={d}>{t(`an.dim.${d}`)}</option>)}
              </select>
            </label>
            <span class="muted small">{t('an.columns', { dims: spec.columns.map((d) => t(`an.dim.${d}`)).join(' × ') })}</span>
          </>
        )}
        <span class="spacer" />
        {applied && (
          <span class="export">
            <a class="button" href={exportHref({ ...applied, rows: spec.rows, columns: spec.columns }, 'xlsx', i18n.lang)} download
              data-testid="analysis-export-xlsx">{t('export.xlsx')}</a>
            <a class="button" href={exportHref({ ...applied, rows: spec.rows, columns: spec.columns }, 'csv', i18n.lang)} download
              data-testid="analysis-export-csv">{t('export.csv')}</a>
          </span>
        )}
      </div>

      {result.loading && <Busy testid="analysis-busy" />}
      <ErrorBox error={result.error} testid="analysis-error" onRetry={result.reload} />
      {result.data?.stale && <Notice testid="analysis-stale">{t('dash.stale', { asOf: result.data.asOf ?? '' })}</Notice>}
      {grid && applied && (
        <AnalysisView spec={{ ...applied, view: spec.view, rows: spec.rows, columns: spec.columns }} grid={grid}
          catalogue={catalogue.data} onDrill={(code) => { const s = { ...applied, unit: code }; setSpec({ ...spec, unit: code }); setApplied(s); }} />
      )}

      <div class="card" data-testid="analysis-favourites">
        <h3>{t('an.favourites')}</h3>
        <form class="toolbar" onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <input value={name} placeholder={t('an.favouriteName')} data-testid="analysis-fav-name" maxLength={120}
            onInput={(e) => setName((e.target as HTMLInputElement).value)} />
          <label class="inline small">
            <input type="checkbox" checked={onDashboard} data-testid="analysis-fav-dashboard" onChange={() => setOnDashboard(!onDashboard)} />
            {' '}{t('an.onDashboard')}
          </label>
          <button type="submit" data-testid="analysis-fav-save" disabled={!name.trim() || spec.indicators.length === 0}>{t('an.save')}</button>
        </form>
        <ErrorBox error={saveError} testid="analysis-fav-error" />
        {saved && <Notice testid="analysis-fav-saved">{t('an.saved', { name: saved })}</Notice>}
        <ErrorBox error={favourites.error} testid="analysis-favs-error" onRetry={favourites.reload} />
        {favourites.data && favourites.data.favourites.length === 0 && <p class="muted small">{t('an.noFavourites')}</p>}
        <ul class="plain-list">
          {favourites.data?.favourites.map((f) => (
            <li key={f.id} data-testid={`analysis-fav-${f.id}`} class={String(f.id) === favouriteId ? 'active' : ''}>
              <a href={`#/analysis/${f.id}`} data-testid={`analysis-fav-open-${f.id}`}>{f.name}</a>{' '}
              <span class="muted small">{f.spec.indicators.length} · {t(`an.view.${f.spec.view}`)}</span>{' '}
              <button type="button" class="small" data-testid={`analysis-fav-pin-${f.id}`} aria-pressed={f.on_dashboard}
                onClick={() => void pin(f)}>{f.on_dashboard ? t('an.unpin') : t('an.pin')}</button>{' '}
              <button type="button" class="small danger" data-testid={`analysis-fav-delete-${f.id}`}
                onClick={() => void remove(f)}>{t('an.delete')}</button>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
