/**
 * The Electron IPC channels between the preload and the main process. Both import these names:
 * the preload is bundled, so it takes pure shared code with it into the sandbox.
 */
export const IPC_CHANNELS = {
  /** Every contract call: (method, input) → Envelope. */
  invoke: 'carbon-audit:invoke',
  /** Contract events pushed to the window: (event name, payload). */
  event: 'carbon-audit:event',
  /** The OS path of a file dropped on the window → Envelope<ChosenFile>. */
  drop: 'carbon-audit:drop',
  /** The OS path of an engagement file dropped on the window → Envelope<EngagementSummary>. */
  dropEngagement: 'carbon-audit:drop-engagement',
} as const;
