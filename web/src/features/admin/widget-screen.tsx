import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api.ts';
import type { Workspace } from './admin-types.ts';
import { AdminPage, CopyBox, ErrorLine, Loading } from './admin-ui.tsx';

export function widgetSnippet(origin: string, slug: string): string {
  return `<script src="${origin}/widget.js" data-workspace="${slug}" async></script>`;
}

/** The chat widget has no settings of its own yet: this is the line to paste into a website. */
export function WidgetScreen() {
  const { t } = useTranslation();
  const workspace = useQuery({ queryKey: ['workspace', 'current'], queryFn: () => api<Workspace>('/workspaces/current') });
  return (
    <AdminPage title={t('admin.widget.title')} intro={t('admin.widget.intro')}>
      <Loading when={workspace.isPending} />
      <ErrorLine error={workspace.error} />
      {workspace.data && <CopyBox label={t('admin.widget.snippet')} value={widgetSnippet(window.location.origin, workspace.data.slug)} multiline />}
      <p className="hint">{t('admin.widget.where')}</p>
    </AdminPage>
  );
}
