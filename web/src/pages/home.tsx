import { api, ok } from '../api/client';
import type { ConcertSummary, Page } from '../api/types';
import { money, shortDate } from '../i18n/format';
import { t, useLang } from '../i18n/i18n';
import { Show, useAsync } from '../ui/async';

export function Home({ q }: { q: string }) {
  useLang();
  const [loaded, retry] = useAsync(
    () => ok<Page<ConcertSummary>>(api().GET('/v1/concerts', { params: { query: { limit: 24, sort: 'startsAt', ...(q ? { q } : {}) } } })),
    [q],
  );
  return (
    <>
      <h1>{q ? t('home.results', { q, n: loaded.state === 'ok' ? loaded.value.items.length : 0 }) : t('home.title')}</h1>
      <Show loaded={loaded} retry={retry}>
        {({ items }) =>
          items.length === 0 ? (
            <p>{t('home.empty')}</p>
          ) : (
            <ul class="grid" data-testid="concerts">
              {items.map((c) => (
                <li key={c.concertId}>
                  <a class="card" href={`#/concerts/${c.concertId}`}>
                    <strong class="title">{c.title}</strong>
                    <span class="muted">{c.artist.name}</span>
                    <span>{c.venue.name}</span>
                    <span>{c.shows[0] ? shortDate(c.shows[0].startsAt) : ''}</span>
                    <span class="row">
                      <span class={`tag ${c.onSale ? 'on' : ''}`}>{c.onSale ? t('home.onSale') : t('home.soon')}</span>
                      <span class="price">{money(c.priceFrom, c.currency)}~</span>
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          )
        }
      </Show>
    </>
  );
}
