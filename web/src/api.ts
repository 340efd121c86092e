// The one place the UI talks to the server: JSON in and out, the CSRF token of
// the session sent on every request that is not a GET, errors as ApiError
// carrying the server's code, field and both messages.

export interface ApiIssue {
  field?: string;
  value?: string;
  message_vi: string;
  message_en: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly field: string | undefined,
    readonly messageVi: string,
    readonly messageEn: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(messageEn);
  }
  text(lang: 'vi' | 'en'): string {
    return lang === 'vi' ? this.messageVi : this.messageEn;
  }
}

let csrfToken = '';
export function setCsrfToken(token: string): void {
  csrfToken = token;
}
// Whether the session has been confirmed by the server on this page (a page
// opened without a connection has none yet, and cannot write).
export function hasCsrfToken(): boolean {
  return csrfToken !== '';
}

// Called when any request answers 401 outside signing in: the session ended.
let onSignedOut: () => void = () => {};
export function onSessionEnded(f: () => void): void {
  onSignedOut = f;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

async function toError(res: Response): Promise<ApiError> {
  try {
    const body = await res.json();
    const e = body?.error ?? {};
    return new ApiError(
      res.status,
      e.code ?? 'http_' + res.status,
      e.field ?? undefined,
      e.message_vi ?? `Máy chủ trả lời ${res.status}`,
      e.message_en ?? `The server answered ${res.status}`,
      Array.isArray(e.issues) ? e.issues : [],
    );
  } catch {
    return new ApiError(res.status, 'http_' + res.status, undefined, `Máy chủ trả lời ${res.status}`,
      `The server answered ${res.status}`);
  }
}

// The answer's body and headers, or the ApiError it carries (status 0, code
// "network", when the server cannot be reached).
async function send(method: string, path: string, body?: unknown, query?: Query,
  extra?: Record<string, string>): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...extra };
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = csrfToken;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(withQuery(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', undefined, 'Không kết nối được máy chủ', 'Cannot reach the server');
  }
  if (!res.ok) {
    const err = await toError(res);
    if (res.status === 401 && path !== '/api/v1/session') onSignedOut();
    throw err;
  }
  return res;
}

export async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const res = await send(method, path, body, query);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

// Indicator answers say when their snapshot of the register was loaded and
// whether a refresh after a recent write is on its way (docs/api.md).
export interface Figures<T> {
  data: T;
  stale: boolean;
  asOf: string | null;
}

export async function getFigures<T>(path: string, query?: Query): Promise<Figures<T>> {
  const res = await send('GET', path, undefined, query);
  return {
    data: (await res.json()) as T,
    stale: res.headers.get('X-Danso-Figures') === 'stale',
    asOf: res.headers.get('X-Danso-Figures-As-Of'),
  };
}

// A write under its Idempotency-Key (offline/outbox.ts): sent again with
// the same key, the server answers as the first time without writing.
export async function requestKeyed<T>(method: string, path: string, body: unknown, key: string): Promise<T> {
  const res = await send(method, path, body, undefined, { 'Idempotency-Key': key });
  return (await res.json()) as T;
}

export const get = <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query);
export const post = <T>(path: string, body: unknown) => request<T>('POST', path, body);
export const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, body);
export const put = <T>(path: string, body: unknown) => request<T>('PUT', path, body);
export const del = <T>(path: string) => request<T>('DELETE', path);

// ---- Shapes the server answers (docs/api.md) ----

export interface User {
  id: number;
  username: string;
  role: string;
  unit: string;
  unit_name: string;
  villages: string[];
  disabled: boolean;
  totp: boolean;
}

export interface Session {
  user: User;
  permissions: string[];
  csrf_token: string;
  expires_at: string;
  idle_timeout_seconds: number;
}

export interface Unit {
  code: string;
  name: string;
  kind: 'province' | 'district' | 'commune' | 'village' | string;
  level: number;
  parent: string | null;
  valid_from: string;
  valid_to: string | null;
  children?: number; // in /units/{code}; absent from the items of /children

}

export interface Paged {
  total: number;
  total_capped?: boolean; // a search by name counts its matches only up to `total`: there are more
  page: number;
  per_page: number;
}

export interface Household {
  id: number;
  village: string;
  village_name?: string | null;
  head_id?: number | null;
  head_name?: string | null;
  address: string;
  poverty: string;
  social_protection: boolean | number;
  ethnic_minority: boolean | number;
  registered_on: string;
  members?: Person[];
}

export interface Person {
  id: number;
  household_id: number;
  name: string;
  sex: 'M' | 'F';
  birth_date: string;
  citizen_id: string | null;
  relation: string;
  ethnicity: string;
  marital: string;
  residence: string;
  registered_on: string;
  village?: string;
  village_name?: string | null;
  lives_in_household_id?: number | null;
  status?: PersonStatus;
  history?: EventRecord[];
}

// A person's status on a day, from the register's events (GET /api/v1/persons/{id}?on=).
export interface PersonStatus {
  on: string;
  residence: 'permanent' | 'temporary' | 'absent' | 'moved_out' | 'dead' | 'not_yet';
  since: string | null;
  lives_here: boolean;
  marital: string;
  household_id: number | null;
}

export interface EventRecord {
  id: number;
  type: string;
  date: string;
  village: string;
  person_id: number;
  related_id: number | null;
  household_id: number | null;
  recorded_by: number | null;
  recorded_on: string;
  [column: string]: unknown;
}

export interface IndicatorValue {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  unit: string;
  flags?: string[];
}

export interface IndicatorSet {
  unit: string;
  name: string;
  period: string;
  from: string;
  to: string;
  indicators: Record<string, IndicatorValue>;
  territory_changes?: { date: string; from: string; to: string; type: string }[];
}

export interface Pyramid {
  unit: string;
  unit_name: string;
  date: string;
  groups: { age: string; male: number; female: number }[];
}

export interface ReportSummary {
  id: number;
  unit: string;
  unit_name: string;
  form: 'commune_monthly' | 'district_quarterly' | 'commune_yearly' | string;
  period: string;
  version: number;
  status: 'draft' | 'submitted' | 'returned' | 'approved' | string;
  updated_at: string;
}

export interface Report extends ReportSummary {
  // In the printed form's order: the row's number ("11.1"), label on the
  // form, unit of measure, and whether it is a "Trong đó" sub-row.
  columns: {
    key: string; label_vi: string; label_en: string;
    number?: string; form_label?: string; unit_of_measure?: string; sub?: boolean;
  }[];
  rows: { unit: string; name: string; values: Record<string, number> }[];
  total: Record<string, number>;
  history: { action: string; user: string; at: string; comment?: string | null }[];
  diff: { unit: string; column: string; before: number; after: number }[];
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor_id: number | null;
  actor: string;
  action: string;
  kind: string;
  record: string;
  before: unknown;
  after: unknown;
  hash: string;
}

// A plan and its targets' progress (GET /api/v1/plans, /api/v1/plans/{id}/progress).
export interface PlanSummary {
  id: number;
  number: string;
  title: string;
  issuer: string;
  unit: string;
  unit_name: string;
  start: string;
  end: string;
  targets: number;
}

export type TargetStatus = 'on_track' | 'at_risk' | 'off_track' | 'met' | 'missed' | 'no_data' | 'undefined';

export interface TargetRow {
  key: string;
  name: string;
  name_en: string;
  indicator: string | null;
  measure_unit: string;
  baseline: { year: number | null; value: number | null };
  value: number | null;
  source: string;
  goal: { year: number; kind: string; value: number | null; tolerance: number | null } | null;
  expected: number | null;
  gap: number | null;
  status: TargetStatus;
  reason: string;
  reason_en: string;
  outlook: { year: number; population: number; meets_goal: boolean } | null;
}

export interface PlanProgress {
  plan: number;
  number: string;
  title: string;
  unit: string;
  unit_name: string;
  year: number;
  targets: TargetRow[];
  children?: { unit: string; name: string; worst: TargetStatus; targets: TargetRow[] }[];
  trend?: Record<string, [number, number | null][]>;
}

// Rewards (GET /api/v1/rule-sets, /api/v1/reward-runs).
export interface RuleSetSummary {
  id: string;
  version: string;
  title: string;
  imported_at: string;
}

export interface RewardRunSummary {
  id: number;
  rule_set: string;
  version: string;
  year: number;
  unit: string;
  payments: number;
  total_vnd: number;
  created_at: string;
  register_state: string;
}

export interface RewardPayment {
  commune: string;
  commune_name: string;
  rule: string;
  beneficiary: string;
  key: string;
  name: string;
  cases: number;
  amount_vnd: number;
  figures: string[];
  events: number[];
}

export interface RewardRun {
  id: number;
  rule_set: string;
  version: string;
  title: string;
  year: number;
  unit: string;
  unit_name: string;
  register_state: string;
  rules_in_force: string[];
  total_vnd: number;
  cases_exempt: number;
  total_by_commune: Record<string, number>;
  total_by_rule: Record<string, number>;
  payments: RewardPayment[];
  created_at?: string;
}

// Budgets for population work against the 0.15% floor (GET /api/v1/budgets).
export interface BudgetReport {
  year: number;
  unit: string;
  floor_percent: number;
  units: {
    unit: string;
    name: string;
    kind: string;
    regular_spending_vnd: number | null;
    population_spending_vnd: number | null;
    share_percent: number | null;
    status: 'meets' | 'below' | 'missing';
  }[];
}

export type TaskState = 'overdue' | 'done' | 'in_progress' | 'blocked' | 'not_reported';

export interface TaskUpdate {
  id: number;
  task: number;
  year: number;
  status: 'in_progress' | 'done' | 'blocked';
  note: string;
  by: string;
  at: string;
}

export interface TaskView {
  id: number;
  set: string;
  key: string;
  unit: string;
  unit_name: string;
  agency: string;
  agency_name: string;
  role: 'lead' | 'support';
  with: string[];
  description_vi: string;
  description_en: string;
  due: string | null;
  recurring: string | null;
  next_due: string | null;
  missed_years: number[];
  state: TaskState;
  updates: number;
  last_update: TaskUpdate | null;
}

export interface AgencySummary {
  unit: string;
  agency: string;
  name: string;
  tasks: number;
  reported: number;
  done: number;
  overdue: number;
}

export interface TaskList {
  unit: string;
  on: string;
  my_agency: { unit: string; agency: string; name: string } | null;
  agencies: AgencySummary[];
  tasks: TaskView[];
}

export interface Committee {
  id: number;
  set: string;
  unit: string;
  level: string;
  name_vi: string;
  members: { name: string; agency: string; position: string; start: string; end: string | null }[];
}

// GET /api/v1/training/coverage (docs/api.md).
export interface TrainingCoverageRow {
  group: string;
  group_name: string;
  group_name_en: string;
  course_kind: string;
  course_name: string;
  target_percent: number;
  by_year: number;
  every_year: boolean;
  members: number;
  covered: number;
  percent: number | null;
  met: boolean;
}
export interface TrainingCoverage {
  unit: string;
  unit_name: string;
  year: number;
  on: string;
  plans: {
    plan: string;
    title: string;
    unit: string;
    rows: TrainingCoverageRow[];
    // Each unit directly below in the caller's scope, its rows in the order of `rows`.
    children: { unit: string; name: string; rows: { members: number; covered: number; percent: number | null; met: boolean }[] }[];
    spending: {
      budget_vnd: number;
      year_vnd: number;
      sessions_in_year: number;
      to_date_vnd: number;
      used_percent: number | null;
      by_year: [number, number][];
    };
  }[];
}
// GET /api/v1/training/needs.
export interface TrainingNeeds {
  unit: string;
  year: number;
  group: string | null;
  count: number;
  needs: {
    staff_id: number;
    name: string;
    unit: string;
    unit_name: string;
    plan: string;
    group: string;
    group_name: string;
    course_kind: string;
    course_name: string;
  }[];
}

// GET /api/v1/report-completeness and .../rates (docs/api.md).
export interface RateCounts {
  expected: number;
  reported: number;
  on_time: number;
  reporting_rate: number;
  on_time_rate: number;
}

export interface UnitStanding {
  unit: string;
  name: string;
  district: string | null;
  district_name: string | null;
  status: 'not_started' | 'draft' | 'submitted' | 'returned' | 'approved' | string;
  report: number | null;
  version: number | null;
  submitted_at: string | null;
  on_time: boolean | null;
  days_late: number;
  days_overdue: number;
  return_comment: string | null;
  returned_at: string | null;
}

export interface Completeness {
  unit: string;
  unit_name: string;
  period: string;
  form: string;
  province: string;
  due: string;
  total: RateCounts;
  districts: (RateCounts & { unit: string; name: string })[];
  rows: UnitStanding[];
}

export interface CompletenessRates {
  unit: string;
  form: string;
  periods: (RateCounts & { period: string; due: string })[];
  districts: { unit: string; name: string; periods: (RateCounts & { period: string })[] }[];
}

// GET /api/v1/data-quality (docs/api.md).
export interface DataQuality {
  unit: string;
  unit_name: string;
  period: string;
  villages: number;
  outliers: { village: string; name: string; commune: string; month: string; measure: string; value: number;
    mean: number; sd: number; low: number; high: number }[];
  births_without_pregnancy: { births: number; total: number;
    items: { village: string; name: string; date: string; child: number; mother: number }[] };
  sex_ratio: { units_checked: number;
    items: { unit: string; name: string; kind: string; births: number; boys: number; girls: number; ratio: number }[] };
  silent_villages: { village: string; name: string; commune: string; month: string }[];
}
