// A collaborator's villages on the phone: each village's persons (with their
// status today) and households, read from GET /api/v1/persons and
// /api/v1/households when the page has a connection and kept in the
// browser's database, so that the slip form's pickers find persons and
// households without one. Refreshed at most every REFRESH_MS, and after the
// outbox has delivered writes (a newborn added, a person moved).
import { get, type Household, type Paged, type Person } from '../api';
import { getAll, getOne, put, remove } from './db';

interface CachedVillage {
  id: string;          // `${user}:${village}`
  user: number;
  village: string;
  fetched_at: string;  // ISO instant
  persons: Person[];
  households: Household[];
}

const PER_PAGE = 500;
const REFRESH_MS = 15 * 60 * 1000;

async function allPages<T>(path: string, key: 'persons' | 'households', unit: string): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; ++page) {
    const r = await get<Paged & Record<string, T[]>>(path, { unit, page, per_page: PER_PAGE });
    out.push(...r[key]);
    if (out.length >= r.total || r[key].length === 0) return out;
  }
}

// Fetches the villages not fetched within REFRESH_MS (all with `force`).
export async function refreshVillages(user: number, villages: string[], force = false): Promise<void> {
  for (const village of villages) {
    const id = `${user}:${village}`;
    const kept = await getOne<CachedVillage>('villages', id);
    if (!force && kept && Date.now() - Date.parse(kept.fetched_at) < REFRESH_MS) continue;
    const persons = await allPages<Person>('/api/v1/persons', 'persons', village);
    const households = await allPages<Household>('/api/v1/households', 'households', village);
    await put<CachedVillage>('villages', { id, user, village, fetched_at: new Date().toISOString(), persons, households });
  }
}

async function villagesOf(user: number, unit: string): Promise<CachedVillage[]> {
  const all = (await getAll<CachedVillage>('villages')).filter((v) => v.user === user);
  // The slip's village, else every kept village under the unit chosen.
  const exact = all.filter((v) => v.village === unit);
  return exact.length > 0 ? exact : all.filter((v) => v.village.startsWith(unit));
}

// Lower case without diacritics (đ as d), as the server folds names.
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();
}

// Whether a slip's picker offers the person (app/slip_pickers.h, on the
// status kept): the living; for most slips only those living in the area;
// women for a mother, a pregnancy or a prenatal screening.
function offered(p: Person, slip: string | undefined): boolean {
  if (!slip) return true;
  const [type, field = 'person_id'] = slip.split('.');
  const related = field === 'related_id';
  const residence = p.status?.residence;
  if (residence === 'dead') return false;
  const resident = type === 'move_in' ? false : (type === 'marriage' || type === 'divorce') ? !related : true;
  if (resident && p.status && !p.status.lives_here) return false;
  const woman = (type === 'birth' && related) || type === 'pregnancy' || type === 'prenatal_screening';
  return !woman || p.sex === 'F';
}

// The picker's search without a connection: names whose words begin with
// the words typed, with or without diacritics, as GET /api/v1/persons?q=.
// Null when no village under `unit` is kept.
export async function searchKeptPersons(user: number, unit: string, q: string, slip: string | undefined,
  limit: number): Promise<(Paged & { persons: Person[] }) | null> {
  const villages = await villagesOf(user, unit);
  if (villages.length === 0) return null;
  const words = fold(q).split(/\s+/).filter(Boolean);
  const found = villages.flatMap((v) => v.persons).filter((p) => {
    const name = fold(p.name).split(/\s+/);
    return words.every((w) => name.some((n) => n.startsWith(w))) && offered(p, slip);
  }).sort((a, b) => a.id - b.id);
  return { total: found.length, page: 1, per_page: limit, persons: found.slice(0, limit) };
}

// The households kept for `unit`, by id (the household fields' choices).
export async function keptHouseholds(user: number, unit: string): Promise<Household[]> {
  return (await villagesOf(user, unit)).flatMap((v) => v.households).sort((a, b) => a.id - b.id);
}

// Signed out: the user's villages leave the phone.
export async function forgetVillages(user: number): Promise<void> {
  for (const v of await getAll<CachedVillage>('villages')) if (v.user === user) await remove('villages', v.id);
}

// The names of the persons kept for the user, by id (to show who a slip of
// the outbox names).
export async function keptPersonNames(user: number): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  for (const v of await getAll<CachedVillage>('villages'))
    if (v.user === user) for (const p of v.persons) names.set(p.id, p.name);
  return names;
}
