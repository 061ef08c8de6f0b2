/**
 * Stands in for `@ioredis/commands` inside Lambda bundles (lib/constructs/lambda-function.ts aliases it here). The
 * package's command table is 37 KB of JSON, a tenth of a hot-path bundle; ioredis reads only each command's name
 * and flags from it when it talks to one Redis node without a key prefix, as ./redis-client.ts does. This serves them
 * from ./redis-command-table.ts, the same table packed (`scripts/redis-command-table.ts` regenerates it). Key positions
 * serve only cluster mode and key prefixes, which these bundles never use, so asking for them fails loudly. Local runs
 * and tests load the real package; test/unit/platform/redis-commands.test.ts checks this one answers like it for every
 * command and flag.
 */
import { FLAGS, TABLE } from './redis-command-table';

const flagsOf = new Map(
  TABLE.split(' ').map((entry) => {
    const [name, mask] = entry.split(':') as [string, string];
    const bits = parseInt(mask, 36);
    return [name, new Set(FLAGS.filter((_, i) => bits & (1 << i)))] as const;
  }),
);

const nameOf = (command: string, lower?: boolean) => (lower ? String(command).toLowerCase() : command);

export const list = [...flagsOf.keys()];

export function exists(command: string, options?: { caseInsensitive?: boolean }): boolean {
  return flagsOf.has(nameOf(command, options?.caseInsensitive));
}

export function hasFlag(command: string, flag: string, options?: { nameCaseInsensitive?: boolean }): boolean {
  const flags = flagsOf.get(nameOf(command, options?.nameCaseInsensitive));
  if (!flags) throw new Error(`Unknown command ${command}`);
  return flags.has(flag);
}

export function getKeyIndexes(command: string): number[] {
  throw new Error(`Key positions of ${command} are not in this bundle: cluster mode and key prefixes need the full @ioredis/commands (drop its alias in lib/constructs/lambda-function.ts)`);
}
