import { lang } from './i18n';
import { t } from './i18n';

const locale = () => (lang.get() === 'ko' ? 'ko-KR' : 'en-US');
// Shows happen in Korea: dates and times are shown in Seoul time whatever the device's zone.
const TIME_ZONE = 'Asia/Seoul';

export const money = (amount: number, currency = 'KRW') => new Intl.NumberFormat(locale(), { style: 'currency', currency }).format(amount);
export const number = (n: number) => new Intl.NumberFormat(locale()).format(n);
export const dateTime = (iso: string) =>
  new Intl.DateTimeFormat(locale(), { dateStyle: 'full', timeStyle: 'short', timeZone: TIME_ZONE }).format(new Date(iso));
export const shortDate = (iso: string) =>
  new Intl.DateTimeFormat(locale(), { month: 'short', day: 'numeric', weekday: 'short', hour: 'numeric', minute: '2-digit', timeZone: TIME_ZONE }).format(new Date(iso));
/** A wall-clock time of the fan's own device (last update, warnings). */
export const clockTime = (ms: number) => new Intl.DateTimeFormat(locale(), { timeStyle: 'medium' }).format(new Date(ms));

/** "F1구역 1열 11번" / "Section F1, Row 1, Seat 11". */
export const seatName = (seat: { section: string | { name: string }; row: number; number: number }) =>
  t('seats.seatName', { section: typeof seat.section === 'string' ? seat.section : seat.section.name, row: seat.row, number: seat.number });

/** `mm:ss` for countdowns. */
export function countdown(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** A rounded duration in words: "3분" / "3 min", "40초" / "40 s". */
export function duration(seconds: number): string {
  return seconds >= 60 ? t('time.minutes', { n: Math.round(seconds / 60) }) : t('time.seconds', { n: Math.max(1, Math.round(seconds / 10) * 10) });
}

/** A short, stable booking number a fan can read out on the phone: the reservation id's last 10 characters. */
export const bookingNumber = (reservationId: string) => `TR-${reservationId.slice(-10, -5)}-${reservationId.slice(-5)}`.toUpperCase();
