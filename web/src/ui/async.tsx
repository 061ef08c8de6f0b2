import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { humanError } from '../api/errors';
import { t } from '../i18n/i18n';

export type Loaded<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'error'; error: unknown };

/** Runs `load` when `deps` change; a later answer never overwrites a newer one. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): [Loaded<T>, () => void] {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setResult({ state: 'loading' });
    load().then(
      (value) => live && setResult({ state: 'ok', value }),
      (error: unknown) => live && setResult({ state: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [...deps, round]);
  return [result, () => setRound((r) => r + 1)];
}

export function Show<T>({ loaded, retry, children }: { loaded: Loaded<T>; retry?: () => void; children: (value: T) => ComponentChildren }) {
  if (loaded.state === 'loading') return <p class="muted">{t('app.loading')}</p>;
  if (loaded.state === 'error') return <ErrorPanel error={loaded.error} retry={retry} />;
  return <>{children(loaded.value)}</>;
}

export function ErrorPanel({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div class="panel error" role="alert">
      <h2>{t('error.title')}</h2>
      <p>{humanError(error)}</p>
      {retry && (
        <button type="button" onClick={retry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  );
}
