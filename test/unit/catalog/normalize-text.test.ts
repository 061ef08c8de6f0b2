import { describe, expect, it } from 'vitest';
import { hangulInitials, isInitialsToken, normalizeText } from '#domain/catalog/normalize-text';

describe('search text folding', () => {
  it('drops case, accents and full-width forms', () => {
    expect(normalizeText('Crème Brûlée')).toBe('creme brulee');
    expect(normalizeText('ＢＴＳ　World')).toBe('bts world');
  });

  it('keeps Hangul as whole syllables so fragments match as substrings', () => {
    const folded = normalizeText('블랙핑크 BLACKPINK');
    expect(folded).toBe('블랙핑크 blackpink');
    expect(folded.includes(normalizeText('핑크'))).toBe(true);
    expect([...folded][0]).toBe('블');
  });

  it('reads the initial consonants of Hangul syllables', () => {
    expect(hangulInitials('블랙핑크 BLACKPINK 2026')).toBe('ㅂㄹㅍㅋ');
    expect(hangulInitials('뉴진스')).toBe('ㄴㅈㅅ');
    expect(isInitialsToken('ㅂㄹ')).toBe(true);
    expect(isInitialsToken('블ㄹ')).toBe(false);
    expect(isInitialsToken('bl')).toBe(false);
  });
});
