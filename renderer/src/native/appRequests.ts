import { useEffect, useRef } from 'react';
import type { ChosenFile } from '../../../shared/contract';

/**
 * What the app's menu and a file dropped on the window ask of the screens: a small in-window
 * channel, so those screens need only subscribe (one handler per kind) rather than be rewired.
 * A request no screen is there to take waits for the first that subscribes (the start screen
 * appears only after "New engagement" has closed the open one).
 */
export interface AppRequests {
  /** Show the new-engagement form. */
  readonly 'new-engagement': null;
  readonly 'show-view': 'import' | 'export';
  /** Start the import wizard on this file. */
  readonly 'import-file': ChosenFile;
}
type Kind = keyof AppRequests;
type Handler<K extends Kind> = (payload: AppRequests[K]) => void | Promise<void>;

const handlers = new Map<Kind, Handler<never>>();
const waiting = new Map<Kind, unknown>();

/** Hands the request to the screen that takes it; its failure comes back to the caller. */
export async function requestInWindow<K extends Kind>(kind: K, payload: AppRequests[K]): Promise<void> {
  const handler = handlers.get(kind) as Handler<K> | undefined;
  if (!handler) {
    waiting.set(kind, payload);
    return;
  }
  await handler(payload);
}

export function useAppRequest<K extends Kind>(kind: K, handler: Handler<K>): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const current: Handler<K> = (payload) => latest.current(payload);
    handlers.set(kind, current as Handler<never>);
    if (waiting.has(kind)) {
      const payload = waiting.get(kind) as AppRequests[K];
      waiting.delete(kind);
      void current(payload);
    }
    return () => {
      if (handlers.get(kind) === current) handlers.delete(kind);
    };
  }, [kind]);
}
