/**
 * The sandbox's test cards decide what an authorization does (api.md). Any other card that passes the Luhn
 * check approves, as a real sandbox would; one that fails it is a validation error.
 */
export type CardOutcome = 'approve' | 'decline' | 'timeout' | 'approve-late-webhook';

export const TEST_CARDS: Record<string, CardOutcome> = {
  '4242424242424242': 'approve',
  '4000000000000002': 'decline',
  '4000000000009995': 'timeout',
  '4000000000000259': 'approve-late-webhook',
};

export function luhnValid(number: string): boolean {
  if (!/^\d{12,19}$/.test(number)) return false;
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export const cardOutcome = (number: string): CardOutcome => TEST_CARDS[number] ?? 'approve';

/** Only the last four digits are ever stored or logged. */
export const last4 = (number: string): string => number.slice(-4);
