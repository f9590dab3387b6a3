import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api.ts';
import { Badge } from '../../ui/badge.tsx';
import { useAdminList } from './admin-api.ts';
import { PRIORITIES } from '../../lib/types.ts';
import type { SlaPolicy } from './admin-types.ts';
import { ErrorLine } from './admin-ui.tsx';
import { ResourceScreen } from './resource-screen.tsx';
import { SlaPolicyForm } from './sla-policy-form.tsx';

/** Moves a policy one place up or down: the server takes the whole order. */
function useReorder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => api<SlaPolicy[]>('/sla-policies/reorder', { method: 'POST', body: { ids } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['admin', 'sla-policies'] }),
  });
}

export function SlaPoliciesScreen() {
  const { t } = useTranslation();
  const list = useAdminList<SlaPolicy>('sla-policies');
  const reorder = useReorder();
  const ordered = [...(list.data ?? [])].sort((a, b) => a.position - b.position);
  const move = (policy: SlaPolicy, by: -1 | 1) => {
    const ids = ordered.map((p) => p.id);
    const i = ids.indexOf(policy.id);
    const j = i + by;
    if (j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j] as string, ids[i] as string];
    reorder.mutate(ids);
  };
  const targetCount = (p: SlaPolicy) => PRIORITIES.reduce((n, pr) => n + Object.keys(p.targets[pr] ?? {}).length, 0);
  return (
    <ResourceScreen<SlaPolicy>
      resource="sla-policies"
      title={t('admin.sla.title')}
      intro={t('admin.sla.intro')}
      newLabel={t('admin.sla.new')}
      sort={(a, b) => a.position - b.position}
      above={<ErrorLine error={reorder.error} />}
      columns={[
        { header: t('admin.sla.order'), cell: (x) => ordered.indexOf(x) + 1 },
        { header: t('admin.field.name'), cell: (x) => x.name },
        { header: t('admin.users.status'), cell: (x) => (x.active ? <Badge kind="active">{t('admin.sla.active')}</Badge> : <Badge kind="inactive">{t('admin.sla.inactive')}</Badge>) },
        { header: t('admin.sla.targets'), cell: (x) => targetCount(x) },
        { header: t('admin.sla.rules'), cell: (x) => x.escalation_rules.length },
      ]}
      rowActions={(x) => (
        <>
          <button type="button" onClick={() => move(x, -1)} disabled={ordered[0]?.id === x.id || reorder.isPending} aria-label={`${t('admin.sla.up')}: ${x.name}`}>
            ↑
          </button>
          <button type="button" onClick={() => move(x, 1)} disabled={ordered.at(-1)?.id === x.id || reorder.isPending} aria-label={`${t('admin.sla.down')}: ${x.name}`}>
            ↓
          </button>
        </>
      )}
      form={(policy, done) => <SlaPolicyForm policy={policy} done={done} />}
      remove={{ label: t('admin.delete'), question: t('admin.deleteQuestion'), confirm: t('admin.delete') }}
    />
  );
}
