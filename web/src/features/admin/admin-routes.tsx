import { Navigate, Route, Routes } from 'react-router';
import { AdminLayout } from './admin-layout.tsx';
import { ApiKeysScreen } from './api-keys-screen.tsx';
import { AuditScreen } from './audit-screen.tsx';
import { BranchesScreen } from './branches-screen.tsx';
import { CalendarsScreen } from './calendars-screen.tsx';
import { FormsScreen } from './forms-screen.tsx';
import { MacrosScreen } from './macros-screen.tsx';
import { MailboxesScreen } from './mailboxes-screen.tsx';
import { SlaPoliciesScreen } from './sla-policies-screen.tsx';
import { TeamsScreen } from './teams-screen.tsx';
import { TiersScreen } from './tiers-screen.tsx';
import { UsersScreen } from './users-screen.tsx';
import { WebhooksScreen } from './webhooks-screen.tsx';
import { WidgetScreen } from './widget-screen.tsx';

/** Everything under /admin, loaded as its own chunk (agents never download it). */
export default function AdminRoutes() {
  return (
    <Routes>
      <Route element={<AdminLayout />}>
        <Route index element={<Navigate to="users" replace />} />
        <Route path="users" element={<UsersScreen />} />
        <Route path="teams" element={<TeamsScreen />} />
        <Route path="branches" element={<BranchesScreen />} />
        <Route path="tiers" element={<TiersScreen />} />
        <Route path="calendars" element={<CalendarsScreen />} />
        <Route path="sla-policies" element={<SlaPoliciesScreen />} />
        <Route path="mailboxes" element={<MailboxesScreen />} />
        <Route path="forms" element={<FormsScreen />} />
        <Route path="chat-widget" element={<WidgetScreen />} />
        <Route path="webhooks" element={<WebhooksScreen />} />
        <Route path="api-keys" element={<ApiKeysScreen />} />
        <Route path="macros" element={<MacrosScreen />} />
        <Route path="audit-log" element={<AuditScreen />} />
      </Route>
    </Routes>
  );
}
