import { useEffect, useState } from 'preact/hooks';
import { concertDetail } from '../api/catalog';
import { api, ok } from '../api/client';
import { humanError } from '../api/errors';
import { session } from '../api/session';
import type { ConcertSummary, Page, QueueConfig, QueueStats } from '../api/types';
import { number } from '../i18n/format';
import { t, useLang } from '../i18n/i18n';
import { Show, useAsync } from '../ui/async';
import { useStore } from '../ui/store';
import { say } from '../ui/toast';
import { Chart } from './chart';
import type { SaleActivity } from '../../../functions/domain/sale-activity';
import type { AbuseAuditEntry } from '../../../functions/domain/abuse/audit';
import { blocksOverTime, nextSample, type Sample } from './sale-series';

const POLL_MS = 2000;
const KEEP = 90;

/** The numeric fields of an editor, labelled by their API names (what operators know from the runbook). */
function NumberFields({ names, values }: { names: readonly string[]; values: Record<string, unknown> }) {
  return (
    <>
      {names.map((name) => (
        <label key={name}>
          {name}
          <input type="number" name={name} min={1} required defaultValue={String(values[name] ?? '')} />
        </label>
      ))}
    </>
  );
}

function PolicyEditor({ concertId }: { concertId: string }) {
  const [loaded] = useAsync(() => ok<Record<string, unknown>>(api().GET('/v1/concerts/{concertId}/sales-policy', { params: { path: { concertId } } })), [concertId]);
  const save = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const opt = (name: string) => (f.get(name) ? new Date(String(f.get(name))).toISOString() : undefined);
    try {
      await ok(
        api().PUT('/v1/concerts/{concertId}/sales-policy', {
          params: { path: { concertId } },
          body: {
            generalSaleStartAt: opt('generalSaleStartAt') ?? new Date().toISOString(),
            maxTicketsPerUser: Number(f.get('maxTicketsPerUser')),
            holdTtlSeconds: Number(f.get('holdTtlSeconds')),
            paymentTtlSeconds: Number(f.get('paymentTtlSeconds')),
            refundCutoffHours: Number(f.get('refundCutoffHours')),
          },
        }),
      );
      say(t('admin.saved'));
    } catch (err) {
      say(humanError(err), 'error');
    }
  };
  return (
    <Show loaded={loaded}>
      {(p) => (
        <form class="panel form-grid" onSubmit={save} data-testid="policy-form">
          <h2>{t('admin.policy')}</h2>
          <label>
            generalSaleStartAt
            <input type="datetime-local" name="generalSaleStartAt" defaultValue={typeof p.generalSaleStartAt === 'string' ? p.generalSaleStartAt.slice(0, 16) : ''} />
          </label>
          <NumberFields names={['maxTicketsPerUser', 'holdTtlSeconds', 'paymentTtlSeconds', 'refundCutoffHours']} values={p} />
          <button type="submit">{t('admin.save')}</button>
        </form>
      )}
    </Show>
  );
}

function QueueEditor({ concertId }: { concertId: string }) {
  const [loaded] = useAsync(() => ok<QueueConfig>(api().GET('/v1/admin/concerts/{concertId}/queue-config', { params: { path: { concertId } } })), [concertId]);
  const save = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    try {
      await ok(
        api().PUT('/v1/admin/concerts/{concertId}/queue-config', {
          params: { path: { concertId } },
          body: {
            mode: f.get('mode') === 'buffered' ? 'buffered' : 'direct',
            admitPerSecond: Number(f.get('admitPerSecond')),
            maxActive: Number(f.get('maxActive')),
            activeTtlSeconds: Number(f.get('activeTtlSeconds')),
            maxWaiting: Number(f.get('maxWaiting')),
          },
        }),
      );
      say(t('admin.saved'));
    } catch (err) {
      say(humanError(err), 'error');
    }
  };
  return (
    <Show loaded={loaded}>
      {(q) => (
        <form class="panel form-grid" onSubmit={save} data-testid="queue-form">
          <h2>{t('admin.queue')}</h2>
          <label>
            mode
            <select name="mode" defaultValue={q.mode}>
              <option>direct</option>
              <option>buffered</option>
            </select>
          </label>
          <NumberFields names={['admitPerSecond', 'maxActive', 'activeTtlSeconds', 'maxWaiting']} values={q as unknown as Record<string, unknown>} />
          <button type="submit">{t('admin.save')}</button>
        </form>
      )}
    </Show>
  );
}

type SaleStats = SaleActivity;
type Blocks = ReturnType<typeof blocksOverTime>;
/** A heading and one `name: count` line per entry (nothing until the counts have loaded). */
function Counts({ title, testId, counts }: { title: string; testId: string; counts: Record<string, number> | undefined }) {
  return (
    <>
      <h3>{title}</h3>
      <ul class="plain grades" data-testid={testId}>
        {counts &&
          Object.entries(counts).map(([name, n]) => (
            <li key={name}>
              {name}: {number(n)}
            </li>
          ))}
      </ul>
    </>
  );
}

const MINUTES = 15;

interface SeatCounts {
  counts: { AVAILABLE: number; HELD: number; SOLD: number; byGrade: Record<string, { AVAILABLE: number; HELD: number; SOLD: number }> };
}

/** The live sale: polled queue stats and seat counts, turned into rates and charted over the last three minutes. */
function Dashboard({ concertId }: { concertId: string }) {
  const [samples, setSamples] = useState<Sample[]>([]);
  const [sale, setSale] = useState<SaleStats | undefined>();
  const [blocks, setBlocks] = useState<Blocks | undefined>();
  useEffect(() => {
    let live = true;
    let previous: Sample | undefined;
    const tick = async () => {
      try {
        const concert = await concertDetail(concertId);
        const from = new Date(Date.now() - MINUTES * 60_000).toISOString();
        const [stats, activity, blocked, ...shows] = await Promise.all([
          ok<QueueStats>(api().GET('/v1/concerts/{concertId}/queue/stats', { params: { path: { concertId } } })),
          ok<SaleStats>(api().GET('/v1/admin/concerts/{concertId}/sale-stats', { params: { path: { concertId }, query: { minutes: MINUTES } } })),
          ok<Page<AbuseAuditEntry>>(api().GET('/v1/admin/audit/abuse', { params: { query: { concertId, result: 'BLOCKED', from, limit: 100 } } })),
          ...concert.shows.map((s) => ok<SeatCounts>(api().GET('/v1/concerts/{concertId}/shows/{showId}/seats', { params: { path: { concertId, showId: s.showId } } }))),
        ]);
        const sample = nextSample(previous, Date.now(), stats, shows.map((s) => s.counts));
        previous = sample;
        if (!live) return;
        setSamples((list) => [...list.slice(-KEEP + 1), sample]);
        setSale(activity);
        setBlocks(blocksOverTime(blocked.items, Date.now(), MINUTES));
      } catch {
        // A missed poll leaves a gap in the charts; the next one catches up.
      }
    };
    void tick();
    const timer = setInterval(() => void tick(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [concertId]);
  const last = samples[samples.length - 1];
  const series = (pick: (s: Sample) => number) => samples.map((s) => ({ x: s.atMs, y: pick(s) }));
  const perMinute = (key: 'holds' | 'sales' | 'expiries') => (sale?.minutes ?? []).map((m) => ({ x: Date.parse(m.minute), y: m[key] }));
  const lastMinute = (key: 'holds' | 'sales' | 'expiries') => (sale ? number(sale.minutes[sale.minutes.length - 1]?.[key] ?? 0) : '–');
  return (
    <section class="dashboard" data-testid="dashboard">
      <h2>{t('admin.dashboard')}</h2>
      <div class="charts">
        <Chart title={t('admin.waiting')} value={last ? number(last.waiting) : '–'} points={series((s) => s.waiting)} />
        <Chart title={t('admin.active')} value={last ? number(last.active) : '–'} points={series((s) => s.active)} />
        <Chart title={t('admin.admittedPerSecond')} value={last ? last.admittedPerSecond.toFixed(1) : '–'} points={series((s) => s.admittedPerSecond)} />
        <Chart title={t('admin.holdsPerMinute')} value={lastMinute('holds')} points={perMinute('holds')} />
        <Chart title={t('admin.salesPerMinute')} value={lastMinute('sales')} points={perMinute('sales')} />
        <Chart title={t('admin.expiries')} value={lastMinute('expiries')} points={perMinute('expiries')} />
        <Chart title={t('admin.abuse')} value={blocks ? number(blocks.perMinute[blocks.perMinute.length - 1]?.y ?? 0) : '–'} points={blocks?.perMinute ?? []} />
      </div>
      <Counts title={t('admin.abuseByRule')} testId="abuse-by-rule" counts={blocks?.byRule} />
      <Counts title={t('admin.payments')} testId="payment-outcomes" counts={sale?.payments} />
      <Counts title={t('admin.remaining')} testId="remaining-by-grade" counts={last?.remainingByGrade} />
    </section>
  );
}

export function AdminPage() {
  useLang();
  const user = useStore(session);
  const [concertId, setConcertId] = useState<string | undefined>();
  const [loaded] = useAsync(() => ok<Page<ConcertSummary>>(api().GET('/v1/concerts', { params: { query: { limit: 100, sort: 'startsAt' } } })), []);
  if (user?.user.role !== 'ADMIN') return <p role="alert">{t('admin.onlyAdmin')}</p>;
  return (
    <section class="admin">
      <h1>{t('admin.title')}</h1>
      <Show loaded={loaded}>
        {({ items }) => (
          <label>
            {t('admin.concerts')}{' '}
            <select value={concertId ?? ''} onChange={(e) => setConcertId((e.currentTarget as HTMLSelectElement).value || undefined)} data-testid="admin-concert">
              <option value="">—</option>
              {items.map((c) => (
                <option key={c.concertId} value={c.concertId}>
                  {c.title}
                </option>
              ))}
            </select>
          </label>
        )}
      </Show>
      {concertId && (
        <>
          <Dashboard concertId={concertId} />
          <div class="editors">
            <PolicyEditor concertId={concertId} />
            <QueueEditor concertId={concertId} />
          </div>
        </>
      )}
    </section>
  );
}
