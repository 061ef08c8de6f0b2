import { startLocalCloud } from '../local/cloud';
import { ensureWebBuild } from '../local/web-build';

/**
 * `npm run local`: the whole system on this machine. PORT (default 3000), LOCAL_DATA_DIR (DynamoDB and Redis files,
 * so data survives a restart of the cloud or of a crashed child) and PUBLIC_ORIGIN (the origin browsers use, for
 * /config.json; default http://127.0.0.1:PORT) come from the environment. The web app is built first when its
 * sources changed. Prints the URLs, then `ready`; Ctrl-C stops every process it started.
 */
// The SDK's notice about Node 20 support is for operators of deployed code, not for a local run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const startedAt = performance.now();
await ensureWebBuild((line) => console.log(`› ${line}`));
const cloud = await startLocalCloud({
  port: Number(process.env.PORT ?? 3000),
  seed: true,
  dataDir: process.env.LOCAL_DATA_DIR || undefined,
  publicOrigin: process.env.PUBLIC_ORIGIN || undefined,
});
const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
console.log(`TicketRush local cloud (started in ${seconds} s)
  web        ${cloud.url}/
  REST API   ${cloud.url}/v1
  WebSocket  ${cloud.wsUrl}
  config     ${cloud.url}/config.json
  health     ${cloud.url}/v1/health
ready`);

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping`);
  cloud.stop().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error('stop failed', e);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
