/**
 * Quoting for the languages the snippets are written in. Values (the URL, the
 * token, a stdio path) come from elsewhere, so every one is quoted as data.
 */

/** Characters no common shell (sh, bash, zsh, PowerShell, cmd.exe) treats specially outside quotes. */
const BARE_WORD = /^[A-Za-z0-9_+=:./-]+$/;

/**
 * Characters that still mean something inside double quotes to a POSIX shell
 * ($ ` \ "), to interactive bash or zsh (!), to PowerShell ($ `) or to cmd.exe
 * (%), plus control characters. Values free of them are double-quoted, which
 * reads the same in every shell; anything else is single-quoted, POSIX only.
 */
const DOUBLE_QUOTE_HAZARD = /[$`"\\!%]|\p{Cc}/u;

/** One shell word that reads back as exactly `value`. */
export function shellWord(value: string): string {
  if (BARE_WORD.test(value)) return value;
  if (!DOUBLE_QUOTE_HAZARD.test(value)) return `"${value}"`;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** A command line, its words quoted one by one, continued over lines when given as groups. */
export function shellCommand(lines: string[][]): string {
  return lines.map((words) => words.map(shellWord).join(' ')).join(' \\\n  ');
}

/** A string literal for JSON, JavaScript and Python alike: JSON's escapes are valid in all three. */
export const stringLiteral = (value: string): string => JSON.stringify(value);

export const jsonBlock = (value: unknown): string => JSON.stringify(value, null, 2);

/** Base64 of the UTF-8 bytes, with only what both browsers and Node provide. */
export function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
