// Previous/next page buttons, the page's place in the list, and a page
// number that can be typed (Enter or leaving the field goes there; a number
// out of range is brought within it).
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n';

export function Pager({ page, perPage, total, onPage, testid = 'pager' }: {
  page: number; perPage: number; total: number; onPage: (p: number) => void; testid?: string;
}) {
  const { t } = useI18n();
  const pages = Math.max(1, Math.ceil(total / perPage));
  const [typed, setTyped] = useState('');
  const go = () => {
    const n = Number.parseInt(typed, 10);
    setTyped('');
    if (Number.isFinite(n)) onPage(Math.min(pages, Math.max(1, n)));
  };
  return (
    <nav class="pager" data-testid={testid}>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)} data-testid={`${testid}-prev`}>
        ‹ {t('paging.prev')}
      </button>
      <span data-testid={`${testid}-status`}>{t('paging.status', { page, pages, total })}</span>
      {pages > 1 && (
        <input type="number" class="pager-go" min={1} max={pages} inputMode="numeric" value={typed}
          placeholder={String(page)} aria-label={t('paging.go')} title={t('paging.go')} data-testid={`${testid}-go`}
          onInput={(e) => setTyped((e.target as HTMLInputElement).value)}
          onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); go(); } }}
          onBlur={() => { if (typed !== '') go(); }} />
      )}
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)} data-testid={`${testid}-next`}>
        {t('paging.next')} ›
      </button>
    </nav>
  );
}
