import './app/zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { checkSession } from './app/use-session';
import { createApiClient } from './lib/api-client';
import { startLiveStream, untilOpen, type LiveStream } from './lib/live-stream';
import './app/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// The first screen waits at most this long for the event stream: lists that mount with it open load in
// their first effects, instead of a render later.
const STREAM_WAIT_MS = 250;

const api = createApiClient();
let stream: LiveStream | undefined;
const sessionCheck = checkSession(api).then(async (session) => {
  if (session.kind === 'signed-in') {
    stream = startLiveStream(api);
    await untilOpen(stream, STREAM_WAIT_MS);
  }
  return session;
});
createRoot(root).render(
  <StrictMode>
    <App api={api} sessionCheck={sessionCheck} startedStream={() => stream} />
  </StrictMode>,
);
