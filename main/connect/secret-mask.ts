/**
 * Text with whatever may be a secret replaced by ***: TaskDesk tokens, Bearer
 * credentials, the value of any Authorization header, and URL passwords. Used
 * on everything doctor, a dry run or the connection panel shows, which may
 * quote the configuration of servers that are not TaskDesk's.
 */
export function maskSecrets(text: string): string {
  return (
    text
      .replace(/tdk_[A-Za-z0-9_-]*/g, '***')
      // `<...>` stands for a placeholder TaskDesk printed itself, e.g. Bearer <new token>.
      .replace(/(\bbearer\s+)(?!<|\*\*\*)[^\s"'\\,}]+/gi, '$1***')
      // The value starts at its first character that is no space or quote, so backtracking cannot start it earlier.
      .replace(/(authorization["']?\s*[:=]\s*["']?)(?![\s"']|bearer\s|\*\*\*)[^"'\r\n]+/gi, '$1***')
      .replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@"']*):[^\s/@"']*@/gi, '$1:***@')
  );
}
