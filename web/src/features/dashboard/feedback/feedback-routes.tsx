import type { ReactNode } from 'react';
import { KanoScreen } from './kano-screen.tsx';
import { SatisfactionScreen } from './satisfaction-screen.tsx';
import { ServqualScreen } from './servqual-screen.tsx';
import './feedback.css';

/**
 * The feedback screens of the dashboard (satisfaction, SERVQUAL, Kano): their tabs and routes,
 * plugged into dashboard-routes.tsx between Service levels and Consistency. Owned by the
 * feedback dashboard (part B); `path` is relative to /dashboard, `labelKey` a catalog key.
 */
export interface FeedbackTab {
  path: string;
  labelKey: string;
  element: ReactNode;
}

export const feedbackTabs: FeedbackTab[] = [
  { path: 'satisfaction', labelKey: 'feedbackDashboard.tabs.satisfaction', element: <SatisfactionScreen /> },
  { path: 'servqual', labelKey: 'feedbackDashboard.tabs.servqual', element: <ServqualScreen /> },
  { path: 'kano', labelKey: 'feedbackDashboard.tabs.kano', element: <KanoScreen /> },
];
