import { useEffect, useRef, useState } from 'preact/hooks';
import { countdown } from '../i18n/format';
import { t, useLang } from '../i18n/i18n';
import { useStore } from '../ui/store';
import { say } from '../ui/toast';
import { admissionOf } from './admission';

const WARNINGS = [
  { atSeconds: 120, key: 'window.warn2m' },
  { atSeconds: 30, key: 'window.warn30s' },
] as const;

/** Seconds left until `deadlineMs`, ticking every second. */
export function useSecondsLeft(deadlineMs: number | undefined): number | undefined {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (deadlineMs === undefined) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [deadlineMs]);
  return deadlineMs === undefined ? undefined : Math.max(0, (deadlineMs - now) / 1000);
}

/**
 * The shopping window from the moment of admission: a countdown, a warning at 2 minutes and at 30 seconds (announced
 * once each), and when it lapses an explanation with the next step instead of a silent trip to the back of the line.
 */
export function ShoppingTimer({ concertId, onLapse }: { concertId: string; onLapse?: () => void }) {
  useLang();
  const admission = useStore(admissionOf(concertId));
  const left = useSecondsLeft(admission?.expiresAtMs);
  const warned = useRef(new Set<number>());
  const lapsed = left !== undefined && left <= 0;
  useEffect(() => {
    if (left === undefined) return;
    for (const w of WARNINGS) {
      if (left <= w.atSeconds && left > 0 && !warned.current.has(w.atSeconds)) {
        // Announce only the tightest warning that applies (a short window starts below 2 minutes).
        for (const other of WARNINGS) if (other.atSeconds >= w.atSeconds) warned.current.add(other.atSeconds);
        say(t(w.key), 'warn');
      }
    }
  }, [left]);
  useEffect(() => {
    if (lapsed) onLapse?.();
  }, [lapsed]);
  if (!admission || left === undefined) return null;
  if (lapsed) {
    return (
      <div class="panel lapsed" role="alert" data-testid="window-lapsed">
        <h2>{t('queue.expired')}</h2>
        <p>{t('window.lapsed')}</p>
        <p>{t('queue.expiredHint')}</p>
        <a class="button" href={`#/concerts/${concertId}/queue?rejoin=1`} data-testid="rejoin">
          {t('queue.rejoin')}
        </a>
      </div>
    );
  }
  const urgent = left <= 30 ? 'urgent' : left <= 120 ? 'warn' : '';
  return (
    <div class={`timer ${urgent}`} data-testid="shopping-timer">
      <span>{t('window.left', { time: countdown(left) })}</span>
      {urgent && <span class="timer-note">{t(left <= 30 ? 'window.warn30s' : 'window.warn2m')}</span>}
    </div>
  );
}
