/**
 * The desktop app's menu commands that the window carries out (the rest are Electron roles: edit,
 * zoom, window). The main process sends one as the contract event 'app.menu'; the window checks
 * it against this schema before acting, as it would a button of its own.
 */
import { z } from 'zod';

/** A recent engagement's id: a digest of its path, so neither the menu nor the window names the path. */
export const RECENT_ID_PATTERN = /^[0-9a-f]{16}$/;

export const menuCommandSchema = z.discriminatedUnion('command', [
  z.object({ command: z.enum(['new-engagement', 'open-engagement', 'import', 'export', 'close-engagement']) }).strict(),
  z.object({ command: z.literal('open-recent'), id: z.string().regex(RECENT_ID_PATTERN) }).strict(),
]);

export type MenuCommand = z.infer<typeof menuCommandSchema>;

/** The command, or null for anything else that arrives on the event. */
export function parseMenuCommand(payload: unknown): MenuCommand | null {
  const parsed = menuCommandSchema.safeParse(payload);
  return parsed.success ? parsed.data : null;
}
