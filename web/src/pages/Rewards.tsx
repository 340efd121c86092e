// Rewards and support payments: the runs saved for the unit chosen in the
// tree (newest first); with the import permission, a year judged under a
// stored rule set and saved; a run's totals per commune and per rule, its
// payments with their evidence (one commune at a time), and its payment
// list to sign as .xlsx.
import { useState } from 'preact/hooks';
import { get, post, type ApiError, type RewardRun, type RewardRunSummary, type RuleSetSummary } from '../api';
import { Busy, ErrorBox, Notice } from '../components/Status';
import { toApiError, useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { navigate } from '../router';
import { useApp } from '../state';

const SHOWN = 300;

function RunView({ id }: { id: string }) {
  const { t, num, instant } = useI18n();
  const run = useLoad(() => get<RewardRun>(`/api/v1/reward-runs/${encodeURIComponent(id)}`), [id]);
  const [commune, setCommune] = useState('');
  if (run.loading) return <Busy />;
  if (!run.data) return <ErrorBox error={run.error} testid="reward-error" onRetry={run.reload} />;
  const r = run.data;
  const names = new Map(r.payments.map((p) => [p.commune, p.commune_name]));
  const communes = Object.keys(r.total_by_commune);
  const chosen = commune || communes[0] || '';
  const payments = r.payments.filter((p) => p.commune === chosen);
  return (
    <section class="page" data-testid="reward-run-page" data-run-id={r.id}>
      <p><a href="#/rewards">← {t('rewards.back')}</a></p>
      <h2>{t('rewards.runTitle', { year: r.year, unit: `${r.unit} ${r.unit_name}` })}</h2>
      <p class="muted small reward-meta">{r.title} ({r.rule_set}, {r.version}) · {t('rewards.state')}: {r.register_state} · {instant(r.created_at)}</p>
      <div class="toolbar">
        <strong data-testid="reward-total" data-value={r.total_vnd}>{t('rewards.total')}: {num(r.total_vnd)} đ</strong>
        <span class="muted small">{t('rewards.exempt', { n: r.cases_exempt })}</span>
        <span class="spacer" />
        <a class="button" href={`/api/v1/reward-runs/${r.id}/export.xlsx`} download data-testid="reward-xlsx">{t('rewards.xlsx')}</a>
      </div>
      <div class="charts">
        <table class="table" data-testid="reward-by-commune">
          <thead><tr><th>{t('rewards.commune')}</th><th>{t('rewards.amount')}</th></tr></thead>
          <tbody>
            {communes.map((c) => (
              <tr key={c}>
                <td><a href="#" onClick={(e) => { e.preventDefault(); setCommune(c); }}>{c} {names.get(c) ?? ''}</a></td>
                <td class="num">{num(r.total_by_commune[c])}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table class="table" data-testid="reward-by-rule">
          <thead><tr><th>{t('rewards.rule')}</th><th>{t('rewards.amount')}</th></tr></thead>
          <tbody>
            {r.rules_in_force.map((id) => (
              <tr key={id}><td>{id}</td><td class="num">{num(r.total_by_rule[id] ?? 0)}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
      {chosen && (
        <>
          <h3>{t('rewards.payments', { commune: `${chosen} ${names.get(chosen) ?? ''}` })}</h3>
          <table class="table stack" data-testid="reward-payments">
            <thead>
              <tr>
                <th>{t('rewards.rule')}</th><th>{t('rewards.beneficiary')}</th><th>{t('rewards.cases')}</th>
                <th>{t('rewards.amount')}</th><th>{t('rewards.evidence')}</th>
              </tr>
            </thead>
            <tbody>
              {payments.slice(0, SHOWN).map((p) => (
                <tr key={`${p.rule}|${p.key}`}>
                  <td data-label={t('rewards.rule')}>{p.rule}</td>
                  <td data-label={t('rewards.beneficiary')}>{p.name} <span class="muted small">{p.key}</span></td>
                  <td data-label={t('rewards.cases')}>{p.cases}</td>
                  <td data-label={t('rewards.amount')}>{num(p.amount_vnd)}</td>
                  <td data-label={t('rewards.evidence')} class="small">
                    {p.figures.join('; ')}{p.events.length > 0 && ` ${t('rewards.events')}: ${p.events.join(', ')}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {payments.length > SHOWN && <p class="muted small">{t('rewards.more', { n: payments.length - SHOWN })}</p>}
        </>
      )}
    </section>
  );
}

function RunList() {
  const { t, num, instant } = useI18n();
  const app = useApp();
  const unit = app.unit;
  const runs = useLoad(unit ? () => get<{ runs: RewardRunSummary[] }>('/api/v1/reward-runs', { unit: unit.code }) : null,
    [unit?.code]);
  const mayRun = app.can('import');
  const sets = useLoad(mayRun ? () => get<{ rule_sets: RuleSetSummary[] }>('/api/v1/rule-sets') : null, [mayRun]);
  const [set, setSet] = useState('');
  const [year, setYear] = useState(String(new Date().getFullYear() - 1));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  if (!unit) return <Notice>{t('app.chooseUnit')}</Notice>;
  const choices = sets.data?.rule_sets ?? [];
  const chosen = choices.find((s) => `${s.id}|${s.version}` === set) ?? choices[0];
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      const r = await post<RewardRun>('/api/v1/reward-runs',
        { rule_set: chosen.id, version: chosen.version, year: Number(year), unit: unit.code });
      navigate('rewards', r.id);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="page" data-testid="rewards-page">
      <h2>{t('rewards.title', { unit: unit.name })}</h2>
      {mayRun && (
        <form class="toolbar" onSubmit={submit} data-testid="reward-form">
          <label class="inline">
            {t('rewards.ruleSet')}{' '}
            <select data-testid="reward-rule-set" value={chosen ? `${chosen.id}|${chosen.version}` : ''}
              onChange={(e) => setSet((e.target as HTMLSelectElement).value)}>
              {choices.map((s) => <option key={`${s.id}|${s.version}`} value={`${s.id}|${s.version}`}>{s.title} ({s.version})</option>)}
            </select>
          </label>
          <label class="inline">
            {t('plans.year')}{' '}
            <input value={year} size={6} inputMode="numeric" data-testid="reward-year"
              onInput={(e) => setYear((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit" disabled={busy || !chosen} data-testid="reward-run">{t('rewards.run')}</button>
          {sets.data && choices.length === 0 && <span class="muted small">{t('rewards.noRuleSets')}</span>}
        </form>
      )}
      <ErrorBox error={error} testid="reward-run-error" />
      {busy && <Busy />}
      <ErrorBox error={runs.error} testid="rewards-error" onRetry={runs.reload} />
      {runs.loading && <Busy />}
      {runs.data && runs.data.runs.length === 0 && <p class="muted">{t('app.none')}</p>}
      {runs.data && runs.data.runs.length > 0 && (
        <table class="table stack" data-testid="reward-runs">
          <thead>
            <tr>
              <th>{t('rewards.ruleSet')}</th><th>{t('plans.year')}</th><th>{t('plans.unit')}</th>
              <th>{t('rewards.count')}</th><th>{t('rewards.amount')}</th><th>{t('rewards.when')}</th><th />
            </tr>
          </thead>
          <tbody>
            {runs.data.runs.map((r) => (
              <tr key={r.id} data-testid={`reward-run-${r.id}`} data-total={r.total_vnd}>
                <td data-label={t('rewards.ruleSet')}>{r.rule_set} <span class="muted small">{r.version}</span></td>
                <td data-label={t('plans.year')}>{r.year}</td>
                <td data-label={t('plans.unit')}>{r.unit}</td>
                <td data-label={t('rewards.count')}>{num(r.payments)}</td>
                <td data-label={t('rewards.amount')}>{num(r.total_vnd)}</td>
                <td data-label={t('rewards.when')}>{instant(r.created_at)}</td>
                <td class="row-actions"><a class="button small" href={`#/rewards/${r.id}`} data-testid={`reward-open-${r.id}`}>{t('reports.open')}</a></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function Rewards({ runId }: { runId?: string }) {
  return runId ? <RunView id={runId} /> : <RunList />;
}
