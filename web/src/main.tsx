import { render } from 'preact';
import { loadConfig } from './api/config';
import { restoreSession } from './api/session';
import { App } from './app';
import { completeSocialSignIn } from './pages/sign-in';
import './styles.css';

async function start() {
  await loadConfig();
  await completeSocialSignIn();
  await restoreSession();
  const root = document.getElementById('app');
  if (!root) throw new Error('#app is missing');
  root.textContent = '';
  render(<App />, root);
}

void start();
