import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '#platform/config';

describe('readConfig', () => {
  it('parses the requested variables and applies defaults', () => {
    expect(readConfig(['TABLE_NAME', 'STAGE'], { TABLE_NAME: 't' })).toEqual({ TABLE_NAME: 't', STAGE: 'local' });
  });

  it('fails fast naming every missing or malformed variable', () => {
    expect(() => readConfig(['TABLE_NAME', 'JOIN_QUEUE_URL'], { JOIN_QUEUE_URL: 'not a url' })).toThrow(ConfigError);
    try {
      readConfig(['TABLE_NAME', 'JOIN_QUEUE_URL'], { JOIN_QUEUE_URL: 'not a url' });
    } catch (e) {
      expect(String(e)).toContain('TABLE_NAME');
      expect(String(e)).toContain('JOIN_QUEUE_URL');
    }
  });
});
