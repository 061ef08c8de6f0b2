/** `/config.json` (served by the local cloud and deployed next to the app): where the API lives and which stage. */
export interface AppConfig {
  apiUrl: string;
  wsUrl: string;
  stage: string;
}

let loaded: AppConfig | undefined;

export async function loadConfig(): Promise<AppConfig> {
  const res = await fetch('/config.json', { cache: 'no-cache' });
  if (!res.ok) throw new Error('config.json is missing');
  loaded = (await res.json()) as AppConfig;
  return loaded;
}

export function config(): AppConfig {
  if (!loaded) throw new Error('config not loaded');
  return loaded;
}

/** Test cards and the developer sign-in exist only on the local stage. */
export const isLocalStage = () => config().stage === 'local';
