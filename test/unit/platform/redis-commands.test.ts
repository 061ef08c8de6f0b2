import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import * as real from '@ioredis/commands';
import * as packed from '#platform/redis-commands';

const metadata = createRequire(import.meta.url)('@ioredis/commands/built/commands.json') as Record<string, { flags: string[] }>;
const allFlags = [...new Set(Object.values(metadata).flatMap((c) => c.flags)), 'no_such_flag'];

describe('the packed Redis command table of the Lambda bundles', () => {
  it('lists the same commands as @ioredis/commands (else run `tsx scripts/redis-command-table.ts`)', () => {
    expect(packed.list).toEqual(real.list);
  });

  it('answers exists and hasFlag like the package for every command and flag, in either case', () => {
    for (const command of real.list) {
      for (const name of [command, command.toUpperCase()]) {
        expect(packed.exists(name, { caseInsensitive: true }), name).toBe(real.exists(name, { caseInsensitive: true }));
        expect(packed.exists(name), name).toBe(real.exists(name));
        for (const flag of allFlags) expect(packed.hasFlag(name, flag, { nameCaseInsensitive: true }), `${name} ${flag}`).toBe(real.hasFlag(name, flag, { nameCaseInsensitive: true }));
      }
    }
    expect(packed.exists('no_such_command')).toBe(false);
    expect(() => packed.hasFlag('no_such_command', 'readonly')).toThrow('Unknown command');
  });

  it('refuses key positions loudly rather than guessing them', () => {
    expect(() => packed.getKeyIndexes('get')).toThrow(/cluster mode and key prefixes/);
  });
});
