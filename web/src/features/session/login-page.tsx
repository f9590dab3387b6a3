import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/errors.ts';
import { LanguageSwitcher } from './language-switcher.tsx';
import { useLogin, useSession } from './session-api.ts';

/** Only paths inside this app are followed after sign-in (no open redirect). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/inbox/my_open';
}

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const session = useSession();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [workspace, setWorkspace] = useState('');
  const next = safeNext(params.get('next'));

  if (session.data) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate(
      { email, password, ...(workspace.trim() ? { workspace: workspace.trim() } : {}) },
      { onSuccess: () => navigate(next, { replace: true }) },
    );
  };

  return (
    <div className="login-layout">
      <header className="login-header">
        <span className="brand">Gapwise</span>
        <LanguageSwitcher me={undefined} />
      </header>
      <main id="main" className="login-main">
        <h1>{t('login.title')}</h1>
        <form onSubmit={submit} className="login-form" noValidate>
          <label htmlFor="login-email">{t('login.email')}</label>
          <input id="login-email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
          <label htmlFor="login-password">{t('login.password')}</label>
          <input
            id="login-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <label htmlFor="login-workspace">{t('login.workspace')}</label>
          <input id="login-workspace" aria-describedby="login-workspace-hint" value={workspace} onChange={(e) => setWorkspace(e.target.value)} />
          <p id="login-workspace-hint" className="hint">
            {t('login.workspaceHint')}
          </p>
          {login.isError && (
            <p className="form-error" role="alert">
              {errorMessage(t, login.error)}
            </p>
          )}
          <button type="submit" className="button-primary" disabled={login.isPending}>
            {login.isPending ? t('login.signingIn') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
