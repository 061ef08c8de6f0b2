import { concertDetail } from '../api/catalog';
import { session } from '../api/session';
import { dateTime, money } from '../i18n/format';
import { t, useLang } from '../i18n/i18n';
import { Show, useAsync } from '../ui/async';
import { signInHref } from '../ui/router';
import { useStore } from '../ui/store';

export function ConcertPage({ concertId }: { concertId: string }) {
  useLang();
  const s = useStore(session);
  const [loaded, retry] = useAsync(() => concertDetail(concertId), [concertId]);
  return (
    <Show loaded={loaded} retry={retry}>
      {(c) => {
        const policy = c.salesPolicy;
        const queueHref = `#/concerts/${concertId}/queue`;
        return (
          <article class="concert">
            <h1>{c.title}</h1>
            <p class="muted">
              {c.artist.name} · {c.venue.name}, {c.venue.city}
            </p>
            <p>{c.description}</p>
            <section class="panel cta">
              <p>{t('concert.joinHint')}</p>
              <a class="button big" href={s ? queueHref : signInHref(`#/concerts/${concertId}`)} data-testid="join">
                {s ? t('concert.join') : t('concert.signInToJoin')}
              </a>
            </section>
            <h2>{t('concert.prices')}</h2>
            <ul class="tiers">
              {c.priceTiers.map((tier) => (
                <li key={tier.grade} class={`tier grade-${tier.grade}`}>
                  <span class="swatch" aria-hidden="true" />
                  {tier.grade} <strong>{money(tier.price, tier.currency)}</strong>
                </li>
              ))}
            </ul>
            <h2>{t('concert.sale')}</h2>
            <ul class="plain">
              <li>{policy.generalSaleStartAt ? t('concert.general', { when: dateTime(policy.generalSaleStartAt) }) : t('concert.openNow')}</li>
              <li>{t('concert.maxTickets', { n: policy.maxTicketsPerUser })}</li>
              <li>{t('concert.refundRule', { hours: policy.refundCutoffHours })}</li>
            </ul>
            <h2>{t('concert.shows')}</h2>
            <ul class="plain shows">
              {c.shows.map((show) => (
                <li key={show.showId}>
                  {dateTime(show.startsAt)} · <a href={`#/concerts/${concertId}/shows/${show.showId}?view=1`}>{t('concert.viewSeats')}</a>
                </li>
              ))}
            </ul>
          </article>
        );
      }}
    </Show>
  );
}
