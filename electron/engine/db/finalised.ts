/**
 * What a finalised engagement still lets through its audit log: finalising and unlocking
 * themselves, the record of a refused change, and exports (which write a workbook, not the
 * engagement). Everything else is refused by Engagement.change before it runs and, whatever path
 * a change takes (a worker's own connection included), by the trigger the review migration puts on the
 * audit log, since every change appends its audit entry in the same transaction. The trigger holds
 * this list as it was when the migration ran: changing it needs a migration that recreates the trigger.
 */
export const OPERATIONS_WHEN_FINALISED = ['engagement.finalise', 'engagement.unlock', 'engagement.changeRefused', 'export'] as const;
