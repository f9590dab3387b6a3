import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { LoginPage } from '../features/session/login-page.tsx';
import { InboxPage } from '../features/inbox/inbox-page.tsx';
import { TicketPage } from '../features/tickets/ticket-page.tsx';
import { CustomersPage } from '../features/customers/customers-page.tsx';
import { CustomerPage } from '../features/customers/customer-page.tsx';
import { OrganizationsPage } from '../features/organizations/organizations-page.tsx';
import { LazyAdmin } from '../features/admin/lazy-admin.tsx';
import { LazyDashboard } from '../features/dashboard/lazy-dashboard.tsx';
import { SurveysPage } from '../features/surveys/surveys-page.tsx';
import { SurveyPage } from '../features/surveys/survey-page.tsx';
import { RequireSession } from './require-session.tsx';
import { Shell } from './shell.tsx';
import { NotFoundPage } from './not-found-page.tsx';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 15_000, refetchOnWindowFocus: true, retry: (count, error) => count < 2 && (error as { status?: number }).status !== 404 },
  },
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route element={<RequireSession />}>
            <Route element={<Shell />}>
              <Route index element={<Navigate to="/inbox/my_open" replace />} />
              <Route path="/inbox/:view" element={<InboxPage />} />
              <Route path="/tickets/:id" element={<TicketPage />} />
              <Route path="/customers" element={<CustomersPage />} />
              <Route path="/customers/:id" element={<CustomerPage />} />
              <Route path="/organizations" element={<OrganizationsPage />} />
              <Route path="/admin/*" element={<LazyAdmin />} />
              <Route path="/dashboard/*" element={<LazyDashboard />} />
              <Route path="/surveys" element={<SurveysPage />} />
              <Route path="/surveys/:id/:tab?" element={<SurveyPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
