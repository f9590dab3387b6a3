/** Who sees the dashboard: supervisors and above (the analytics API's minimum role). */
const ROLES = new Set(['supervisor', 'admin', 'owner']);

export function canSeeDashboard(role: string | undefined): boolean {
  return ROLES.has(role ?? '');
}
