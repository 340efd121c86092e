import { useI18n } from '../i18n';

export function Pager({ page, perPage, total, onPage, testid = 'pager' }: {
  page: number; perPage: number; total: number; onPage: (p: number) => void; testid?: string;
}) {
  const { t } = useI18n();
  const pages = Math.max(1, Math.ceil(total / perPage));
  return (
    <nav class="pager" data-testid={testid}>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)} data-testid={`${testid}-prev`}>
        ‹ {t('paging.prev')}
      </button>
      <span data-testid={`${testid}-status`}>{t('paging.status', { page, pages, total })}</span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)} data-testid={`${testid}-next`}>
        {t('paging.next')} ›
      </button>
    </nav>
  );
}
