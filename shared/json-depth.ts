/** How deep a JSON body (an /api body, an MCP message) may nest, checked before any code that recurses sees it. */
export const MAX_JSON_DEPTH = 32;

/** Whether `value` nests objects or arrays deeper than `limit`, checked without recursion. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  // Only containers are queued: a body of half a million numbers must not
  // cost half a million allocations just to learn that it is flat.
  const stack: [object, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [object, number];
    if (depth > limit) return true;
    const children = Array.isArray(current) ? current : Object.values(current);
    for (const child of children) {
      if (child !== null && typeof child === 'object') stack.push([child as object, depth + 1]);
    }
  }
  return false;
}
