/**
 * Text from an imported file, safe to print: control characters (escape sequences that could
 * move the cursor, recolour or retitle the terminal) become a visible '?'.
 */
export function terminalText(text: string): string {
  // \p{Cc}: C0 controls, DEL and C1 controls; a tab is left alone.
  return text.replace(/(?!\t)\p{Cc}/gu, '?');
}
