import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_FRAGMENT_KEY } from '../../shared/api';
import { createApiClient } from '../lib/api-client';
import { startUiTestServer, type UiTestServer } from '../testing/real-server';
import { App } from './app';

let ui: UiTestServer;

beforeAll(async () => {
  ui = await startUiTestServer();
});
afterAll(async () => {
  await ui.close();
});

/** A sign-in link's code, as `taskdesk serve` prints it. */
const loginCode = () => new URLSearchParams(new URL(ui.server.createLoginUrl()).hash.slice(1)).get(LOGIN_FRAGMENT_KEY);

/**
 * A browser of its own: signed in with a fresh code, so ending its session
 * leaves the other tests' alone. `dropStreams` ends its open event streams
 * the way a network blip or a server restart does; EventSource then
 * reconnects by itself and meets whatever the server now answers.
 */
async function newBrowser() {
  const { origin } = ui;
  const login = await fetch(`${origin}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ code: loginCode() }),
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  expect(login.status).toBe(200);
  const withCookie = (init: RequestInit = {}): RequestInit => ({
    ...init,
    headers: { ...(init.headers as Record<string, string> | undefined), cookie, origin },
  });
  const drops = new Set<() => void>();
  const streamAnswers: number[] = [];
  const streamFetch = async (input: string | URL | Request, init?: RequestInit) => {
    const response = await fetch(input, withCookie(init));
    streamAnswers.push(response.status);
    if (!response.ok || !response.body) return response;
    const reader = response.body.getReader();
    let ended = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        drops.add(() => {
          if (ended) return;
          ended = true;
          void reader.cancel();
          controller.close();
        });
      },
      async pull(controller) {
        const chunk = await reader.read();
        if (ended) return;
        if (chunk.done) {
          ended = true;
          controller.close();
        } else controller.enqueue(chunk.value);
      },
    });
    return new Response(body, { status: response.status, headers: response.headers });
  };
  const api = createApiClient({
    baseUrl: origin,
    fetch: (input, init) => fetch(input, withCookie(init)),
    openEventSource: (url) => new EventSource(url, { fetch: streamFetch }),
  });
  return {
    api,
    /** The HTTP status of each answer to this browser's own stream requests, in order. */
    streamAnswers,
    signOut: () => fetch(`${origin}/api/session`, withCookie({ method: 'DELETE' })),
    dropStreams: () => {
      for (const drop of drops) drop();
      drops.clear();
    },
    /** Opens streams with this session until the server refuses one (its cap); returns the way to close them. */
    fillStreamCap: async () => {
      const held: AbortController[] = [];
      for (;;) {
        const controller = new AbortController();
        const response = await fetch(`${origin}/api/events`, withCookie({ signal: controller.signal }));
        if (response.status === 503) return () => held.forEach((each) => each.abort());
        expect(response.status).toBe(200);
        held.push(controller);
      }
    },
  };
}

const signedOutScreen = () => screen.findByText(/sign-in has ended/, {}, { timeout: 5000 });

describe('session', () => {
  it('a browser that is signed in and opens a spent sign-in link again stays signed in', async () => {
    const browser = await newBrowser();
    const code = loginCode();
    await fetch(`${ui.origin}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ui.origin },
      body: JSON.stringify({ code }),
    });
    window.history.replaceState(null, '', `/#${LOGIN_FRAGMENT_KEY}=${code}`);
    render(<App api={browser.api} />);
    expect(await screen.findByRole('tab', { name: 'Tasks' })).toBeInTheDocument();
    expect(screen.queryByText(/already been used/)).not.toBeInTheDocument();
    expect(window.location.hash).toBe('');
  });

  it('shows the signed-out screen once the session is gone and the event stream is refused with 401', async () => {
    const browser = await newBrowser();
    render(<App api={browser.api} />);
    expect(await screen.findByText('Live')).toBeInTheDocument();
    // Signing out ends the session's open streams on the server, as a restart does;
    // EventSource reconnects by itself and meets an unknown session.
    expect((await browser.signOut()).status).toBe(200);
    expect(await signedOutScreen()).toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: 'Tasks' })).not.toBeInTheDocument();
    // The way back is named as the CLI names it; the JSON field the normal output never shows is not.
    expect(screen.getByRole('main')).toHaveTextContent('taskdesk ui-link');
    expect(screen.getByRole('main')).not.toHaveTextContent(/uiUrl/);
  });

  it('shows the signed-out screen when any API call answers 401', async () => {
    const browser = await newBrowser();
    const user = userEvent.setup();
    render(<App api={browser.api} />);
    const input = await screen.findByRole('textbox', { name: 'Add task' });
    await browser.signOut();
    await user.type(input, 'Never saved{Enter}');
    expect(await signedOutScreen()).toBeInTheDocument();
  });

  it('opens the event stream again when the server refuses it at its stream cap', async () => {
    const browser = await newBrowser();
    render(<App api={browser.api} />);
    expect(await screen.findByText('Live')).toBeInTheDocument();
    browser.dropStreams();
    // Filled before the stream's own retry (the server asks for 2 s), so the retry is refused with 503.
    const release = await browser.fillStreamCap();
    try {
      // EventSource gives up for good on the 503; the app checks the session (still valid) and tries again later.
      await waitFor(() => expect(browser.streamAnswers).toContain(503), { timeout: 5000 });
      expect(screen.getByText('Reconnecting…')).toBeInTheDocument();
    } finally {
      release();
    }
    expect(await screen.findByText('Live', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.queryByText(/sign-in has ended/)).not.toBeInTheDocument();
  });
});
