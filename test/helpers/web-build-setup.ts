import { ensureWebBuild } from '../../local/web-build';

/** Builds the web app once before the e2e files start, so parallel browser tests never race on web/dist. */
export default async function setup(): Promise<void> {
  await ensureWebBuild();
}
