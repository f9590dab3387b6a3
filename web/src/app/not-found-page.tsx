import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <section className="page-message">
      <h1>{t('notFound.title')}</h1>
      <Link to="/inbox/my_open">{t('notFound.back')}</Link>
    </section>
  );
}
