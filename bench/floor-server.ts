/**
 * The floor TaskDesk is measured against: a bare node:http handler that
 * parses the same JSON-RPC body, runs the same SQLite statement (with the same
 * pragmas) and writes the same JSON envelope, with no MCP library, no
 * authentication, no validation and no log. Prints its port when ready.
 */
import http from 'node:http';
import Sqlite from 'better-sqlite3';
import { timeOrderedId } from '../main/ids/time-ordered-id';

const file = process.argv[2];
if (!file) throw new Error('usage: floor-server.ts <sqlite file>');
const db = new Sqlite(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');

const insert =
  db.prepare(`insert into tasks (id, user_id, title, description, completed, completed_at, priority, due_date, tags,
  search_text, idempotency_key, version, created_at, updated_at, deleted_at)
  values (?, 'local', ?, null, 0, null, 'none', null, '[]', ?, null, 1, ?, ?, null) returning *`);
const list = db.prepare(`select * from tasks where user_id = 'local' and deleted_at is null and completed = 0
  order by created_at desc, id desc limit 51`);

interface Row {
  id: string;
  title: string;
  description: string | null;
  completed: number;
  completed_at: string | null;
  priority: string;
  due_date: string | null;
  tags: string;
  created_at: string;
  updated_at: string;
  version: number;
  deleted_at: string | null;
}

const toTask = (row: Row) => ({
  id: row.id,
  title: row.title,
  description: row.description,
  completed: row.completed === 1,
  completed_at: row.completed_at,
  priority: row.priority,
  due_date: row.due_date,
  tags: JSON.parse(row.tags) as string[],
  created_at: row.created_at,
  updated_at: row.updated_at,
  version: row.version,
  deleted_at: row.deleted_at,
});

function answer(params: { name: string; arguments: { title?: string } }): unknown {
  if (params.name === 'add_task') {
    const now = new Date().toISOString();
    const title = String(params.arguments.title);
    return { task: toTask(insert.get(timeOrderedId(), title, title.toLowerCase(), now, now) as Row) };
  }
  const rows = list.all() as Row[];
  return { tasks: rows.slice(0, 50).map(toTask), next_cursor: rows.length > 50 ? 'more' : null };
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const message = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      id: number;
      params: { name: string; arguments: { title?: string } };
    };
    const envelope = { status: 'success', data: answer(message.params) };
    const body = JSON.stringify({
      result: {
        content: [{ type: 'text', text: JSON.stringify(envelope) }],
        structuredContent: envelope,
        isError: false,
      },
      jsonrpc: '2.0',
      id: message.id,
    });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
});
