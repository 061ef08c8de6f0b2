import type { LayoutSection } from '#domain/catalog/types';

/** Demo catalog for the local cloud: K-POP agencies, artists, venues (one of 10,800 seats) and concerts. */
export const demoAgencies = ['하이브 HYBE', 'SM엔터테인먼트 SM Entertainment', 'JYP엔터테인먼트 JYP Entertainment', 'YG엔터테인먼트 YG Entertainment', '어도어 ADOR'];

export const demoArtists = [
  { name: '방탄소년단 BTS', genre: 'K-POP' },
  { name: '블랙핑크 BLACKPINK', genre: 'K-POP' },
  { name: '뉴진스 NewJeans', genre: 'K-POP' },
  { name: '에스파 aespa', genre: 'K-POP' },
  { name: '스트레이 키즈 Stray Kids', genre: 'K-POP' },
  { name: '트와이스 TWICE', genre: 'K-POP' },
];

const block = (prefix: string, count: number, grade: string, rows: number, seatsPerRow: number): LayoutSection[] =>
  Array.from({ length: count }, (_, i) => ({ name: `${prefix}${i + 1}`, grade, rows, seatsPerRow }));

export const demoVenues = [
  {
    // 4 × 20 × 25 floor + 4 × 30 × 40 lower + 4 × 25 × 40 upper = 10,800 seats.
    name: '잠실종합운동장 주경기장 Seoul Olympic Stadium',
    city: '서울 Seoul',
    layout: { sections: [...block('F', 4, 'VIP', 20, 25), ...block('L', 4, 'R', 30, 40), ...block('U', 4, 'S', 25, 40)] },
  },
  {
    name: '고척스카이돔 Gocheok Sky Dome',
    city: '서울 Seoul',
    layout: { sections: [...block('F', 2, 'VIP', 15, 20), ...block('R', 4, 'R', 20, 25), ...block('S', 2, 'S', 20, 25)] },
  },
  {
    name: 'KSPO DOME 올림픽체조경기장',
    city: '서울 Seoul',
    layout: { sections: [...block('F', 2, 'VIP', 10, 20), ...block('R', 3, 'R', 15, 20), ...block('S', 2, 'A', 15, 20)] },
  },
  {
    name: '벡스코 BEXCO',
    city: '부산 Busan',
    layout: { sections: [...block('A', 2, 'R', 15, 20), ...block('B', 2, 'S', 15, 20)] },
  },
  {
    name: '인스파이어 아레나 Inspire Arena',
    city: '인천 Incheon',
    layout: { sections: [...block('F', 2, 'VIP', 10, 15), ...block('R', 4, 'R', 15, 20)] },
  },
];

export const demoPrices = [
  { grade: 'VIP', price: 220000, currency: 'KRW' as const },
  { grade: 'R', price: 165000, currency: 'KRW' as const },
  { grade: 'S', price: 132000, currency: 'KRW' as const },
  { grade: 'A', price: 99000, currency: 'KRW' as const },
];

/** Show days are offsets from the first day of next month, so a restart in the same month plans the same shows. */
export const demoConcerts = [
  { slug: 'bts-yet-to-come', title: "BTS 월드투어 'Yet To Come' in Seoul", artist: 0, agency: 0, venue: 0, days: [10], popularity: 950 },
  { slug: 'blackpink-born-pink', title: 'BLACKPINK WORLD TOUR [BORN PINK] 서울', artist: 1, agency: 3, venue: 1, days: [3, 4], popularity: 870 },
  { slug: 'newjeans-bunnies-camp', title: "NewJeans 팬미팅 'Bunnies Camp'", artist: 2, agency: 4, venue: 2, days: [17], popularity: 640 },
  { slug: 'aespa-synk-busan', title: "aespa LIVE TOUR 'SYNK : PARALLEL LINE' 부산", artist: 3, agency: 1, venue: 3, days: [21], popularity: 410 },
  { slug: 'skz-dominate-incheon', title: "Stray Kids 월드투어 'dominATE' 인천", artist: 4, agency: 2, venue: 4, days: [7, 8], popularity: 720 },
  { slug: 'twice-ready-to-be', title: "TWICE 5TH WORLD TOUR 'READY TO BE' 앙코르", artist: 5, agency: 2, venue: 2, days: [25], popularity: 530 },
];
