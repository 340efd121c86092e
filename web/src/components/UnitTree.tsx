// The unit tree, loaded one level at a time from /api/v1/units/{code}/children,
// starting at the signed-in user's unit: the server shows only what the user
// may see. Choosing a unit drives every other page.
import { useEffect, useState } from 'preact/hooks';
import { get, type Unit } from '../api';
import { toApiError } from '../hooks';
import { useI18n } from '../i18n';
import { useApp } from '../state';
import { ErrorBox } from './Status';
import type { ApiError } from '../api';

export const fetchUnit = (code: string) =>
  get<{ unit: Unit }>(`/api/v1/units/${encodeURIComponent(code)}`).then((r) => r.unit);
export const fetchChildren = (code: string) =>
  get<{ unit: Unit; children: Unit[] }>(`/api/v1/units/${encodeURIComponent(code)}/children`).then((r) => r.children);

// The children route lists units without their own count: any unit above a
// village may have children until its list comes back empty.
export const mayHaveChildren = (u: Unit) => (u.children === undefined ? u.kind !== 'village' : u.children > 0);

function Node({ unit, path, openPath }: { unit: Unit; path: Unit[]; openPath: string[] }) {
  const { t, tv } = useI18n();
  const app = useApp();
  const here = [...path, unit];
  const [open, setOpen] = useState(openPath.includes(unit.code));
  const [children, setChildren] = useState<Unit[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    if (open && children === null && mayHaveChildren(unit))
      fetchChildren(unit.code).then(setChildren, (e) => setError(toApiError(e)));
  }, [open, unit.code]);
  useEffect(() => {
    if (openPath.includes(unit.code)) setOpen(true);
  }, [openPath.join('/')]);
  const selected = app.unit?.code === unit.code;
  return (
    <li role="treeitem" aria-expanded={mayHaveChildren(unit) ? open : undefined} aria-selected={selected}>
      <div class={`tree-row${selected ? ' selected' : ''}`}>
        {mayHaveChildren(unit) && children?.length !== 0 ? (
          <button type="button" class="toggle" data-testid={`unit-toggle-${unit.code}`}
            aria-label={open ? t('tree.collapse') : t('tree.expand')} onClick={() => setOpen(!open)}>
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span class="toggle" aria-hidden="true" />
        )}
        <button type="button" class="unit-name" data-testid={`unit-${unit.code}`} data-kind={unit.kind}
          title={tv('kind', unit.kind)}
          onClick={() => {
            app.selectUnit(unit, here);
            if (mayHaveChildren(unit)) setOpen(true);
          }}>
          {unit.name}
        </button>
      </div>
      <ErrorBox error={error} testid={`unit-error-${unit.code}`} />
      {open && children && (
        <ul role="group">
          {children.map((c) => (
            <Node key={c.code} unit={c} path={here} openPath={openPath} />
          ))}
        </ul>
      )}
    </li>
  );
}

// `roots`: the user's unit, or a collaborator's villages.
export function UnitTree({ roots }: { roots: Unit[] }) {
  const { t } = useI18n();
  const app = useApp();
  return (
    <nav class="unit-tree" aria-label={t('tree.title')} data-testid="unit-tree">
      <ul role="tree">
        {roots.map((root) => (
          <Node key={root.code} unit={root} path={[]} openPath={app.path.map((u) => u.code)} />
        ))}
      </ul>
    </nav>
  );
}

export function Breadcrumbs() {
  const { t } = useI18n();
  const app = useApp();
  if (app.path.length === 0) return null;
  return (
    <nav class="breadcrumbs" aria-label={t('breadcrumbs.label')} data-testid="breadcrumbs">
      {app.path.map((u, i) => (
        <span key={u.code}>
          {i > 0 && <span class="sep"> › </span>}
          {i === app.path.length - 1 ? (
            <strong data-testid={`crumb-${u.code}`} aria-current="location">
              {u.name}
            </strong>
          ) : (
            <button type="button" class="link" data-testid={`crumb-${u.code}`}
              onClick={() => app.selectUnit(u, app.path.slice(0, i + 1))}>
              {u.name}
            </button>
          )}
        </span>
      ))}
    </nav>
  );
}
