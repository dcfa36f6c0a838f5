/**
 * Text rules shared by every text field. Postgres rejects NUL bytes that
 * SQLite stores happily, and lone surrogates cannot be encoded as UTF-8 at all;
 * checking here makes both databases give the same answer to the same input.
 */

// C0 controls, DEL and C1 controls; tab (U+0009) and newline (U+000A) are
// handled separately because descriptions may contain them.
/* eslint-disable no-control-regex -- matching control characters is the point */
const CONTROL_CHARACTER = /[\u0000-\u001F\u007F-\u009F]/u;
const CONTROL_EXCEPT_TAB_NEWLINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;
// With the `u` flag a well-formed surrogate pair is one code point, so this
// only matches halves that have lost their partner.
const LONE_SURROGATE = /\p{Cs}/u;
/* eslint-enable no-control-regex */

export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

function describeCodePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Returns why `text` is not acceptable for `field`, or undefined when it is. */
export function findTextProblem(
  field: string,
  text: string,
  options: { allowTabAndNewline?: boolean } = {},
): string | undefined {
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate) {
    return `${field} contains an unpaired surrogate (${describeCodePoint(surrogate[0])}); send valid Unicode text`;
  }
  const pattern = options.allowTabAndNewline ? CONTROL_EXCEPT_TAB_NEWLINE : CONTROL_CHARACTER;
  const control = pattern.exec(text);
  if (control) {
    const allowed = options.allowTabAndNewline ? ' (only tab and newline are allowed)' : '';
    return `${field} contains a control character (${describeCodePoint(control[0])})${allowed}; remove it`;
  }
  return undefined;
}

/**
 * The form of text that search and tags compare: NFC so that composed and
 * decomposed accents match, then lower case one code point at a time, the
 * same way on both databases (SQLite's own LIKE only folds ASCII).
 * String.toLowerCase is context-sensitive (a final capital sigma becomes ς,
 * an inner one σ) and turns İ into two code points, so the same letter could
 * fold two ways; folding per code point, with ς as σ and İ as i, cannot.
 */
export function foldForSearch(text: string): string {
  let folded = '';
  for (const char of text.normalize('NFC')) {
    folded += char === '\u0130' ? 'i' : char.toLowerCase();
  }
  // Lowering can leave a sequence that is no longer NFC (Ϊ with an acute
  // accent); composing again makes folding idempotent, so a stored tag folds to itself.
  return folded.replace(/\u03C2/g, '\u03C3').normalize('NFC');
}
