// Previous/next page buttons, the page's place in the list, and a page
// number that can be typed (Enter or leaving the field goes there; a number
// out of range is brought within it). `capped`: the list was counted only
// up to `total` (a search by name), so there is always a next page.
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n';

export function Pager({ page, perPage, total, capped = false, onPage, testid = 'pager' }: {
  page: number; perPage: number; total: number; capped?: boolean; onPage: (p: number) => void; testid?: string;
}) {
  const { t } = useI18n();
  const pages = Math.max(1, Math.ceil(total / perPage));
  const [typed, setTyped] = useState('');
  const go = () => {
    const n = Number.parseInt(typed, 10);
    setTyped('');
    // A capped list has at least one more page than it counted, not more.
    if (Number.isFinite(n)) onPage(Math.min(capped ? pages + 1 : pages, Math.max(1, n)));
  };
  return (
    <nav class="pager" data-testid={testid}>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)} data-testid={`${testid}-prev`}>
        ‹ {t('paging.prev')}
      </button>
      <span data-testid={`${testid}-status`}>{t(capped ? 'paging.status_capped' : 'paging.status', { page, pages, total })}</span>
      {(pages > 1 || capped) && (
        <input type="number" class="pager-go" min={1} max={capped ? pages + 1 : pages} inputMode="numeric" value={typed}
          placeholder={String(page)} aria-label={t('paging.go')} title={t('paging.go')} data-testid={`${testid}-go`}
          onInput={(e) => setTyped((e.target as HTMLInputElement).value)}
          onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); go(); } }}
          onBlur={() => { if (typed !== '') go(); }} />
      )}
      <button type="button" disabled={page >= pages && !capped} onClick={() => onPage(page + 1)} data-testid={`${testid}-next`}>
        {t('paging.next')} ›
      </button>
    </nav>
  );
}
