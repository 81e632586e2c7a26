/**
 * What the CLI writes to a terminal. Sheet names, headers, cell values and reasons come from the
 * files being imported, so they may hold control characters: an escape sequence can recolour or
 * clear the screen, move the cursor over earlier output or set the window title, and bidi
 * controls can reorder what is shown. None of that reaches the terminal.
 */

/**
 * C0 controls but tab and line feed, DEL, C1 controls (0x9B is a one-byte CSI on some
 * terminals), and the bidi embeddings, overrides, isolates and marks.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Output as the terminal may show it: each unsafe character becomes its `\uXXXX` escape, which
 * shows what the file held without acting on it, and keeps JSON output valid JSON (the escape
 * means the same character inside a JSON string, the only place these characters can be).
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Untrusted text printed inside a line of our own: its line breaks and tabs become spaces, so it cannot forge lines. */
export function oneLine(text: string): string {
  return text.replace(/[\t\n]+/g, ' ');
}

/** The message of anything thrown, without a stack trace: what the user needs to act on. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
