import './app/zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { checkSession } from './app/use-session';
import { createApiClient } from './lib/api-client';
import './app/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const api = createApiClient();
createRoot(root).render(
  <StrictMode>
    <App api={api} sessionCheck={checkSession(api)} />
  </StrictMode>,
);
