import * as z from 'zod/mini';
import { ConfigError } from '#platform/config';
import { secretString } from '#platform/secrets';

const clientsSchema = z.object({ kakaoClientId: z.string().check(z.minLength(1)), naverClientId: z.string().check(z.minLength(1)), naverClientSecret: z.string().check(z.minLength(1)) });

export type OAuthClients = z.infer<typeof clientsSchema>;

/** The Kakao/Naver client ids and Naver's client secret, from the OAuth secret (the `oauth` need), read at run time. */
export async function oauthClients(): Promise<OAuthClients> {
  const parsed = clientsSchema.safeParse(JSON.parse(await secretString('oauthClients')));
  if (!parsed.success) throw new ConfigError('The OAuth client secret lacks kakaoClientId, naverClientId or naverClientSecret');
  return parsed.data;
}
