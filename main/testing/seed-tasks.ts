/**
 * SQL that fills `tasks` with `count` tasks for the local user, straight in
 * the database (the service would take minutes for a million): a third
 * completed, a mix of priorities, one in five without a due date, one second
 * apart. Used by the query-plan tests and the benchmarks.
 */
export function seedTasksSql(dialect: 'sqlite' | 'postgres', count: number): string {
  return dialect === 'sqlite'
    ? `with recursive n(i) as (select 1 union all select i + 1 from n where i < ${count})
       insert into tasks (id, user_id, title, completed, priority, due_date, tags, search_text, version, created_at, updated_at)
       select printf('00000000-0000-7000-8000-%012d', i), 'local', 'seeded task ' || i, i % 3 = 0,
              case i % 4 when 0 then 'high' when 1 then 'low' else 'none' end,
              case when i % 5 = 0 then null else date('2026-01-01', '+' || (i % 700) || ' days') end,
              '[]', 'seeded task ' || i, 1,
              strftime('%Y-%m-%dT%H:%M:%fZ', '2020-01-01', '+' || i || ' seconds'),
              strftime('%Y-%m-%dT%H:%M:%fZ', '2020-01-01', '+' || i || ' seconds')
         from n`
    : `insert into tasks (id, user_id, title, completed, priority, due_date, tags, search_text, version, created_at, updated_at)
       select '00000000-0000-7000-8000-' || lpad(i::text, 12, '0'), 'local', 'seeded task ' || i, i % 3 = 0,
              case i % 4 when 0 then 'high' when 1 then 'low' else 'none' end,
              case when i % 5 = 0 then null else to_char(date '2026-01-01' + (i % 700), 'YYYY-MM-DD') end,
              '[]'::jsonb, 'seeded task ' || i, 1,
              to_char(timestamp '2020-01-01' + i * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              to_char(timestamp '2020-01-01' + i * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
         from generate_series(1, ${count}) as i`;
}

/**
 * SQL that makes every `step`-th seeded task (of `count`) wait on the task
 * after it, then sets each task's open-blocker count from those edges, as the
 * service would have. Pairs with seedTasksSql.
 */
export function seedDependenciesSql(dialect: 'sqlite' | 'postgres', count: number, step = 10): string[] {
  const id = (expression: string) =>
    dialect === 'sqlite'
      ? `printf('00000000-0000-7000-8000-%012d', ${expression})`
      : `'00000000-0000-7000-8000-' || lpad((${expression})::text, 12, '0')`;
  const series =
    dialect === 'sqlite'
      ? `with recursive n(i) as (select ${step} union all select i + ${step} from n where i + ${step} < ${count * step}) select i from n`
      : `select i from generate_series(${step}, ${count * step - 1}, ${step}) as i`;
  return [
    `insert into task_dependencies (task_id, blocker_id, user_id, created_at)
       select ${id('i')}, ${id('i + 1')}, 'local', '2020-01-01T00:00:00.000Z' from (${series}) as s`,
    `update tasks set open_blockers = (select count(*) from task_dependencies d join tasks b on b.id = d.blocker_id
       where d.task_id = tasks.id and b.completed = false and b.deleted_at is null)
     where id in (select task_id from task_dependencies)`,
  ];
}
