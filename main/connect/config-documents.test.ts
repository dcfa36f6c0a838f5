import { describe, expect, it } from 'vitest';
import { UneditableConfigError } from './config-document';
import { documentFor, valueAt } from './config-documents';

const toml = documentFor('toml');
const json = documentFor('json');
const ENTRY = ['mcp_servers', 'taskdesk'];
const AUTH = { path: ['http_headers', 'Authorization'], value: 'Bearer new' };
const URL_FIELD = { path: ['url'], value: 'http://127.0.0.1:1/mcp' };

describe('editing a TOML entry field by field', () => {
  it('sets a header in its own sub-table and keeps its other headers and comments', () => {
    const text = [
      '[mcp_servers.taskdesk]',
      'url = "http://old/mcp"  # where it was',
      '',
      '[mcp_servers.taskdesk.http_headers]',
      'Authorization = "Bearer old" # rotated monthly',
      'X-Team = "blue"',
      '',
    ].join('\n');
    const edited = toml.withFields(text, ENTRY, [URL_FIELD, AUTH]);
    expect(edited).toBe(
      [
        '[mcp_servers.taskdesk]',
        'url = "http://127.0.0.1:1/mcp"  # where it was',
        '',
        '[mcp_servers.taskdesk.http_headers]',
        'Authorization = "Bearer new" # rotated monthly',
        'X-Team = "blue"',
        '',
      ].join('\n'),
    );
  });

  it('adds a missing field as a line of the entry’s table, and keeps Windows line ends', () => {
    const text =
      'model = "x"\r\n\r\n[mcp_servers.taskdesk]\r\nstartup_timeout_sec = 20\r\n\r\n[profiles.fast]\r\nmodel = "y"\r\n';
    const edited = toml.withFields(text, ENTRY, [URL_FIELD, AUTH]);
    expect(edited).toBe(
      'model = "x"\r\n\r\n[mcp_servers.taskdesk]\r\nstartup_timeout_sec = 20\r\nurl = "http://127.0.0.1:1/mcp"\r\n' +
        'http_headers = { Authorization = "Bearer new" }\r\n\r\n[profiles.fast]\r\nmodel = "y"\r\n',
    );
  });

  it('refuses a value that spans several lines rather than guess where it ends', () => {
    const text = '[mcp_servers.taskdesk]\nurl = """\nhttp://old/mcp"""\n';
    expect(() => toml.withFields(text, ENTRY, [URL_FIELD])).toThrow(UneditableConfigError);
    expect(() => toml.withFields(text, ENTRY, [URL_FIELD])).toThrow(/cannot edit this layout: .*spans several lines/);
  });
});

describe('editing a JSON entry field by field', () => {
  it('replaces a step that is no object, keeps tabs, comments and Windows line ends', () => {
    const text =
      '{\r\n\t"mcpServers": {\r\n\t\t// mine\r\n\t\t"taskdesk": { "url": "http://old/mcp", "headers": null }\r\n\t}\r\n}\r\n';
    const edited = json.withFields(
      text,
      ['mcpServers', 'taskdesk'],
      [
        { path: ['url'], value: 'http://127.0.0.1:1/mcp' },
        { path: ['headers', 'Authorization'], value: 'Bearer new' },
      ],
    );
    expect(valueAt(json.parse(edited), ['mcpServers', 'taskdesk'])).toEqual({
      url: 'http://127.0.0.1:1/mcp',
      headers: { Authorization: 'Bearer new' },
    });
    expect(edited).toContain('\t\t// mine\r\n');
    expect(edited.replace(/\r\n/g, '')).not.toContain('\n');
  });
});
