/** Who is calling: roles decide what they may administer, tiers decide presale access. */
export const ROLES = ['USER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export const TIERS = ['BASIC', 'SILVER', 'GOLD', 'VIP'] as const;
export type Tier = (typeof TIERS)[number];

/** BASIC < SILVER < GOLD < VIP. */
export const tierAtLeast = (tier: Tier, minimum: Tier): boolean => TIERS.indexOf(tier) >= TIERS.indexOf(minimum);

/** The caller as the authorizer established it. */
export interface Principal {
  userId: string;
  role: Role;
  tier: Tier;
  /** The access token's id, so logout can deny it until it expires. */
  jti: string;
  /** Epoch seconds at which the access token expires. */
  tokenExpiresAt: number;
}
