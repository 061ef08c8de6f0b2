import { store, useStore } from './store';

/** One polite live region for transient news (a seat taken, a timer warning). */
export const toast = store<{ text: string; tone: 'info' | 'warn' | 'error'; at: number } | null>(null);
let timer: ReturnType<typeof setTimeout> | undefined;

export function say(text: string, tone: 'info' | 'warn' | 'error' = 'info') {
  toast.set({ text, tone, at: Date.now() });
  clearTimeout(timer);
  timer = setTimeout(() => toast.set(null), 6000);
}

export function Toast() {
  const current = useStore(toast);
  return (
    <div class={`toast ${current ? current.tone : ''}`} role="status" aria-live="polite" data-testid="toast">
      {current?.text}
    </div>
  );
}
