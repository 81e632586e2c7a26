/**
 * Withdrawing what was recorded (an adjustment, an imported source file) never deletes it: the
 * withdrawal is a record of its own, with who withdrew it, when and why.
 */
export interface Withdrawal {
  readonly at: string;
  readonly by: string;
  readonly reason: string;
}

/** A source file's latest withdrawal: the import that replaced it, and its reinstatement if it was undone. */
export interface SourceWithdrawal extends Withdrawal {
  readonly replacedBy: number | null;
  readonly reinstated: Withdrawal | null;
}

/** A withdrawal (or reinstatement) by `by` now, with its reason trimmed; null without a reason, as every one needs it. */
export function withdrawalBy(by: string, reason: string, at: Date = new Date()): Withdrawal | null {
  const trimmed = reason.trim();
  return trimmed === '' ? null : { at: at.toISOString(), by, reason: trimmed };
}

/** The withdrawal in force of the source file a record came from: why the record is out of the calculation. */
export interface WithdrawnSource extends Withdrawal {
  readonly sourceFileId: number;
  readonly fileName: string;
}

/** A record's withdrawn source file in the words of the engine's refusals, the CLI and the workbook. */
export function withdrawnSourceText(source: WithdrawnSource): string {
  return `source file ${source.sourceFileId} (${source.fileName}) withdrawn ${source.at} by ${source.by}: ${source.reason}`;
}
