/**
 * Text matching for search: NFKD folds compatibility forms (full-width `ＢＴＳ` → `bts`) and splits accents off
 * their letters so they can be dropped (`Beyoncé` → `beyonce`); NFC then recomposes Hangul jamo into syllables,
 * so a Hangul fragment matches as a syllable substring (`핑크` in `블랙핑크`).
 */
export function normalizeText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
/** Initial consonants (choseong) in syllable order, as the compatibility letters a keyboard types. */
const INITIALS = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';

/**
 * The initial consonant of each Hangul syllable (`블랙핑크` → `ㅂㄹㅍㅋ`), other characters dropped, so a fan can
 * type `ㅂㄹㅍㅋ` the way Korean search boxes allow.
 */
export function hangulInitials(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= HANGUL_FIRST && code <= HANGUL_LAST) out += INITIALS[Math.floor((code - HANGUL_FIRST) / 588)];
  }
  return out;
}

/** A query token made only of initial consonants searches the initials instead of the text. */
export const isInitialsToken = (token: string): boolean => /^[ㄱ-ㅎ]+$/u.test(token.normalize('NFC'));
