/**
 * Reads snippets back the way their own languages do: shell text through
 * bash, Python through its `ast` module, TypeScript through the compiler's
 * parser. Nothing here trusts how the snippets were built.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import ts from 'typescript';

const run = promisify(execFile);

/** The argv a POSIX shell makes of `text`: bash itself evaluates the words, and prints them NUL-separated. */
export async function shellWords(text: string): Promise<string[]> {
  const script = 'eval "set -- $1" && printf "%s\\0" "$@"';
  const { stdout } = await run('bash', ['--noprofile', '--norc', '-c', script, 'shell-words', text], {
    env: { PATH: process.env.PATH ?? '' },
  });
  return stdout.split('\0').slice(0, -1);
}

/** The value after each occurrence of `flag` in argv. */
export const flagValues = (argv: string[], flag: string): string[] =>
  argv.flatMap((word, index) => (word === flag && index + 1 < argv.length ? [argv[index + 1] ?? ''] : []));

/** `Name: value`, as curl and `claude mcp add --header` split a header. */
export function parseHeader(line: string): [string, string] {
  const colon = line.indexOf(':');
  if (colon < 1) throw new Error(`not a header: ${line}`);
  return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
}

export interface PythonCall {
  /** Each keyword argument: its value if it is a literal, else `{ $expression: source }`. */
  keywords: Record<string, unknown>;
  /** The name bound by `async with <call> as <name>`, if any. */
  boundTo: string | null;
}

const PYTHON_CALLS = `
import ast, json, sys
tree = ast.parse(sys.stdin.read())
def callee(call):
    return call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", None)
def value(node):
    try:
        return ast.literal_eval(node)
    except ValueError:
        return {"$expression": ast.unparse(node)}
bound = {}
for node in ast.walk(tree):
    if isinstance(node, (ast.With, ast.AsyncWith)):
        for item in node.items:
            if isinstance(item.context_expr, ast.Call) and isinstance(item.optional_vars, ast.Name):
                bound[id(item.context_expr)] = item.optional_vars.id
calls = {}
for node in ast.walk(tree):
    if isinstance(node, ast.Call) and callee(node) in sys.argv[1:]:
        keywords = {kw.arg: value(kw.value) for kw in node.keywords}
        calls[callee(node)] = {"keywords": keywords, "boundTo": bound.get(id(node))}
print(json.dumps(calls))
`;

/** Parses Python source with python3's own parser and reports the keyword arguments of the named calls. */
export async function pythonCalls(source: string, callees: string[]): Promise<Record<string, PythonCall>> {
  const child = execFile('python3', ['-c', PYTHON_CALLS, ...callees]);
  child.stdin?.end(source);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`python3 could not read the snippet: ${stderr}`);
  return JSON.parse(stdout) as Record<string, PythonCall>;
}

/** TypeScript's syntax errors in `source`, as messages (none means it parses). */
export function typescriptSyntaxErrors(source: string): string[] {
  const output = ts.transpileModule(source, {
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  return (output.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/** The first argument of `new <className>(...)`, evaluated as a literal: anything computed is refused. */
export function newExpressionArgument(source: string, className: string): unknown {
  const file = ts.createSourceFile('snippet.ts', source, ts.ScriptTarget.ES2022, true);
  let found: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && node.expression.getText(file) === className) found ??= node.arguments?.[0];
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (!found) throw new Error(`no new ${className}(...) with an argument`);
  return literalValue(found, file);
}

function literalValue(node: ts.Expression, file: ts.SourceFile): unknown {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isArrayLiteralExpression(node)) return node.elements.map((element) => literalValue(element, file));
  if (ts.isObjectLiteralExpression(node)) {
    return Object.fromEntries(
      node.properties.map((property) => {
        const plain =
          ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name));
        if (!plain) {
          throw new Error(`not a plain property: ${property.getText(file)}`);
        }
        return [property.name.text, literalValue(property.initializer, file)];
      }),
    );
  }
  throw new Error(`not a literal: ${node.getText(file)}`);
}
