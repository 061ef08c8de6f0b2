#!/usr/bin/env node
// First-run guard for `npm run local` and `npm test` on a fresh Debian clone: installs npm dependencies when
// missing and the system packages the local cloud needs (Java 17 for DynamoDB Local, redis-server, and Chromium
// for the browser tests) with apt-get when running as root; otherwise prints the exact command and stops.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const run = (cmd) => execSync(cmd, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });

if (!existsSync('node_modules/.package-lock.json')) {
  console.log('› installing npm dependencies (npm ci)');
  run(existsSync('package-lock.json') ? 'npm ci' : 'npm install');
}

const wanted = [
  { bin: 'java', pkg: 'openjdk-17-jre-headless' },
  { bin: 'redis-server', pkg: 'redis-server' },
  { bin: 'chromium', pkg: 'chromium' },
];
const missing = wanted.filter((w) => !has(w.bin)).map((w) => w.pkg);
if (missing.length) {
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() === 0 && has('apt-get')) {
    console.log(`› installing system packages: ${missing.join(', ')}`);
    run(command);
  } else {
    console.error(`TicketRush needs ${missing.join(', ')}. Install them with:\n\n  sudo sh -c '${command}'\n`);
    process.exit(1);
  }
}
