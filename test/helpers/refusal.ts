import { DomainError } from '#platform/errors';

/** The DomainError a call was refused with; fails the test if it succeeded or threw anything else. */
export async function refusal(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected the call to be refused');
}
