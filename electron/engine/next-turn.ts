/** Resolves on the event loop's next turn: a long loop awaits it between pages so other calls are answered meanwhile. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
