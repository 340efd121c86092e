// Download a list as the server formats it: the same route and query with
// ?format=xlsx or ?format=csv (plain links: the session cookie goes along).
import { withQuery, type Query } from '../api';
import { useI18n } from '../i18n';

export function ExportButtons({ path, query, testid }: { path: string; query: Query; testid: string }) {
  const { t } = useI18n();
  const q = { ...query, page: undefined, per_page: undefined };
  return (
    <span class="export">
      <a class="button" href={withQuery(path, { ...q, format: 'xlsx' })} download data-testid={`${testid}-xlsx`}>
        {t('export.xlsx')}
      </a>
      <a class="button" href={withQuery(path, { ...q, format: 'csv' })} download data-testid={`${testid}-csv`}>
        {t('export.csv')}
      </a>
    </span>
  );
}
