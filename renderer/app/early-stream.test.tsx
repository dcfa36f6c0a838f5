import { render, screen } from '@testing-library/react';
import { StrictMode, useState } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUiTestServer, type UiTestServer } from '../testing/real-server';
import type { ApiClient } from '../lib/api-client';
import { ApiProvider } from '../lib/api-context';
import { LiveEventsProvider, useLiveEvent, useLiveEvents } from '../lib/live-events';
import { startLiveStream, untilOpen, type LiveStream, type StreamCallbacks } from '../lib/live-stream';

let ui: UiTestServer;

beforeAll(async () => {
  ui = await startUiTestServer();
});
afterAll(async () => {
  await ui.close();
});

/** The test server's client, counting the event streams it opens. */
function countingStreams(): { api: ApiClient; opened: () => number } {
  let opened = 0;
  const api: ApiClient = {
    ...ui.api,
    live: (handlers) => {
      opened += 1;
      return ui.api.live(handlers);
    },
  };
  return { api, opened: () => opened };
}

/** Shows whether lists could load in the very first render, and the titles of tasks the stream brings. */
function Probe() {
  const { ready } = useLiveEvents();
  const [readyAtFirstRender] = useState(ready);
  const [titles, setTitles] = useState<string[]>([]);
  useLiveEvent((event) => {
    if (event.name === 'task') setTitles((previous) => [...previous, event.data.task.title]);
  });
  return (
    <>
      <p>{readyAtFirstRender ? 'ready at first render' : 'waited for the stream'}</p>
      <p aria-label="heard">{titles.join(', ')}</p>
    </>
  );
}

/** A window's live events over `stream`, as the signed-in shell mounts them. */
function renderWindow(api: ApiClient, stream: LiveStream, { strict = false } = {}) {
  const tree = (
    <ApiProvider api={api}>
      <LiveEventsProvider api={api} started={stream}>
        <Probe />
      </LiveEventsProvider>
    </ApiProvider>
  );
  return render(strict ? <StrictMode>{tree}</StrictMode> : tree);
}

describe('an event stream opened before the window renders', () => {
  it('is adopted: lists may load in the first render, no second stream opens, events arrive, and it closes with the window', async () => {
    const { api, opened } = countingStreams();
    const stream = startLiveStream(api);
    await untilOpen(stream, 5000);
    expect(stream.isOpen).toBe(true);

    const view = renderWindow(api, stream);
    expect(screen.getByText('ready at first render')).toBeInTheDocument();

    const agent = await ui.agent('Early stream');
    await agent.callTool({ name: 'add_task', arguments: { title: 'Heard on the adopted stream' } });
    await expect.poll(() => screen.getByLabelText('heard').textContent).toBe('Heard on the adopted stream');
    expect(opened()).toBe(1);

    view.unmount();
    await expect.poll(() => stream.closed).toBe(true);
  });

  it('survives the unmount and remount of strict mode: still one stream, still ready at once, events still arrive', async () => {
    const { api, opened } = countingStreams();
    const stream = startLiveStream(api);
    await untilOpen(stream, 5000);
    const view = renderWindow(api, stream, { strict: true });
    expect(screen.getByText('ready at first render')).toBeInTheDocument();
    const agent = await ui.agent('Strict mode');
    await agent.callTool({ name: 'add_task', arguments: { title: 'Heard after a remount' } });
    await expect.poll(() => screen.getByLabelText('heard').textContent).toBe('Heard after a remount');
    expect(opened()).toBe(1);
    expect(stream.closed).toBe(false);
    view.unmount();
    await expect.poll(() => stream.closed).toBe(true);
  });

  it('tells a listener that attaches late what happened before: an opening it did not know of', async () => {
    const stream = startLiveStream(ui.api);
    await untilOpen(stream, 5000);
    const heard: string[] = [];
    const callbacks: StreamCallbacks = {
      onEvent: () => heard.push('event'),
      onOpen: () => heard.push('open'),
      onDown: () => heard.push('down'),
      onSessionEnded: () => heard.push('session ended'),
    };
    stream.attach(callbacks, false);
    expect(heard).toEqual(['open']);
    stream.attach(callbacks, true);
    expect(heard).toEqual(['open']);
    stream.close();
    expect(stream.isOpen).toBe(false);
    expect(stream.closed).toBe(true);
  });

  it('holds the first screen no longer than its wait when the stream does not open', async () => {
    // A client whose stream never answers: as a proxy that holds the request.
    const silent: ApiClient = { ...ui.api, live: () => () => undefined };
    const stream = startLiveStream(silent);
    const started = Date.now();
    await untilOpen(stream, 200);
    expect(stream.isOpen).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    stream.close();
  });
});
