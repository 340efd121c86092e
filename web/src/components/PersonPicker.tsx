// A person's id chosen by name: the id field of a form, with a search box
// under it. Typing two or more letters of a name (diacritics optional: the
// server folds them) lists the matching persons of `unit` (GET
// /api/v1/persons?unit=&q=&per_page=8) with sex, birth date and household;
// choosing one fills the id. The id can still be typed. With `slip` (a slip's
// type, or type.related_id), only the persons that slip can name on the day
// `on` are offered (?for=, ?on=): not the dead for a death or a move, only
// women for a mother, and so on. Without a connection, a collaborator's
// villages kept on the phone are searched instead (offline/pickerCache.ts).
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, type Paged, type Person } from '../api';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { searchKeptPersons } from '../offline/pickerCache';
import { notReached } from '../offline/sender';
import { useApp } from '../state';
import { Field } from './Field';

type Found = Paged & { persons: Person[]; offline?: boolean };

// The server's matches, or those kept on the phone when it cannot be reached.
async function findPersons(user: number, unit: string, q: string, slip: string | undefined, on: string | undefined): Promise<Found> {
  const kept = async (e: unknown) => {
    const found = await searchKeptPersons(user, unit, q, slip, 8).catch(() => null);
    if (!found) throw e;
    return { ...found, offline: true };
  };
  if (!navigator.onLine)
    return kept(new ApiError(0, 'network', undefined, 'Không kết nối được máy chủ', 'Cannot reach the server'));
  try {
    return await get<Found>('/api/v1/persons', { unit, q, per_page: 8, for: slip, on });
  } catch (e) {
    if (notReached(e)) return kept(e);
    throw e;
  }
}

export interface PersonPickerProps {
  name: string;
  label: string;
  value: string;
  onInput: (v: string) => void;
  unit: string; // the unit searched: the slip's village, else the unit chosen in the tree
  slip?: string; // ?for=: the slip type (its person) or type.related_id
  on?: string; // the slip's date (YYYY-MM-DD); today when empty
  required?: boolean;
  error?: string | null;
  testid: string;
}

const WAIT_MS = 250; // after the last key, before searching

export function PersonPicker(p: PersonPickerProps) {
  const { t, tv, lang } = useI18n();
  const app = useApp();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<Person | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), WAIT_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const searching = query.length >= 2 && p.unit !== '';
  const found = useLoad<Found>(
    searching ? () => findPersons(app.session.user.id, p.unit, query, p.slip,
      /^\d{4}-\d{2}-\d{2}$/.test(p.on ?? '') ? p.on : undefined) : null, [p.unit, query, p.slip, p.on]);
  const choose = (person: Person) => {
    setChosen(person);
    setText('');
    setQuery('');
    p.onInput(String(person.id));
  };
  const describe = (person: Person) =>
    `${tv('sex', person.sex)}, ${person.birth_date}, ${t('picker.household', { id: person.lives_in_household_id ?? person.household_id })}` +
    (person.village_name ? `, ${person.village_name}` : '');
  const listId = `${p.testid}-matches`;
  return (
    <div class="person-picker">
      <Field name={p.name} label={p.label} kind="number" value={p.value} required={p.required} error={p.error}
        testid={p.testid} inputMode="numeric" onInput={(v) => { setChosen(null); p.onInput(v); }} />
      {chosen && String(chosen.id) === p.value && (
        <div class="muted picker-chosen" data-testid={`${p.testid}-chosen`}>{chosen.name} ({describe(chosen)})</div>
      )}
      <input type="search" class="picker-search" value={text} placeholder={t('picker.find')} title={t('picker.hint')}
        aria-label={`${p.label}: ${t('picker.hint')}`} aria-controls={listId} data-testid={`${p.testid}-search`}
        onInput={(e) => setText((e.target as HTMLInputElement).value)} />
      {searching && (
        <ul class="picker-matches" id={listId} role="listbox" data-testid={listId}>
          {found.loading && <li class="muted" role="status">{t('app.busy')}</li>}
          {found.data?.offline && <li class="muted small" data-testid={`${listId}-offline`}>{t('picker.offline')}</li>}
          {found.error && <li class="field-error" data-testid={`${listId}-error`}>{found.error.text(lang)}</li>}
          {!found.loading && found.data?.persons.length === 0 && (
            <li class="muted" data-testid={`${listId}-none`}>{t('picker.none')}</li>
          )}
          {!found.loading && found.data?.persons.map((person) => (
            <li key={person.id} role="option" aria-selected={String(person.id) === p.value}>
              <button type="button" class="link" data-testid={`${p.testid}-match-${person.id}`}
                onClick={() => choose(person)}>
                <strong>{person.name}</strong> <span class="muted">{describe(person)} · {t('picker.id', { id: person.id })}</span>
              </button>
            </li>
          ))}
          {!found.loading && found.data && found.data.total > found.data.persons.length && (
            <li class="muted">{t(found.data.total_capped ? 'picker.more_capped' : 'picker.more',
              { n: found.data.total - found.data.persons.length })}</li>
          )}
        </ul>
      )}
    </div>
  );
}
