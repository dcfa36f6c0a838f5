import { render, screen, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToolCall } from '../../../shared/tool-call';
import { makeCall } from '../../testing/tool-call-fixture';
import { ROW_HEIGHT, ToolCallList } from './tool-call-list';
import { MAX_ENTRIES } from './tool-log-store';

const VIEWPORT = 640;

beforeAll(() => {
  // jsdom lays nothing out; the virtualizer reads the scroll container's
  // clientHeight, so only that container is given a height.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('tool-log-scroll') ? VIEWPORT : 0;
    },
  });
});

afterAll(() => {
  Reflect.deleteProperty(HTMLElement.prototype, 'clientHeight');
});

const calls: ToolCall[] = Array.from({ length: MAX_ENTRIES }, (_, n) =>
  makeCall(n, {
    created_at: new Date(Date.UTC(2025, 0, 1) - n * 1000).toISOString(),
    client_label: 'Claude Code',
  }),
);

describe('tool call list', () => {
  it('puts only the rows in view into the DOM when it holds 50,000', () => {
    render(
      <ToolCallList
        calls={calls}
        titles={() => undefined}
        onOpen={() => undefined}
        hasMore={false}
        onNeedMore={() => undefined}
      />,
    );
    const list = screen.getByRole('list', { name: 'Tool calls' });
    const rows = within(list).getAllByRole('listitem');

    expect(rows.length).toBeGreaterThanOrEqual(VIEWPORT / ROW_HEIGHT);
    expect(rows.length).toBeLessThan(100);
    expect(rows[0]).toHaveAttribute('aria-setsize', String(MAX_ENTRIES));
    expect(rows[0]).toHaveAttribute('aria-posinset', '1');
    expect(within(rows[0]!).getByText('title: "task 0"')).toBeInTheDocument();
    expect(list).toHaveStyle({ height: `${MAX_ENTRIES * ROW_HEIGHT}px` });
  });
});
