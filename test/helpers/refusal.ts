import { AppError } from '#platform/errors';

/** The AppError a call was refused with; fails the test if it succeeded or threw anything else. */
export async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected the call to be refused');
}
