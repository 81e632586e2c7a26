import { useState } from 'react';
import { useAction } from '../useAction';
import { useDisclosure } from '../usePanel';

interface ReasonActionProps {
  /** The button that opens the form ('Withdraw…'). */
  readonly label: string;
  /** The reason field's accessible name ('Why adjustment 3 is withdrawn'). */
  readonly reasonLabel: string;
  readonly placeholder: string;
  /** The button that acts ('Withdraw'): enabled once a reason is given. */
  readonly confirm: string;
  readonly onConfirm: (reason: string) => Promise<unknown>;
  /** The opening button's class ('link' where a row has little room). */
  readonly className?: string;
}

/**
 * An action that needs the auditor's reason (withdrawing, reinstating): a button that opens a
 * reason field beside the button that acts, enabled once a reason is given, with the refusal shown.
 */
export function ReasonAction({ label, reasonLabel, placeholder, confirm, onConfirm, className }: ReasonActionProps) {
  const { open, setOpen, toggleProps, regionProps } = useDisclosure();
  const [reason, setReason] = useState('');
  const action = useAction(() => onConfirm(reason));
  if (!open) return <button type="button" className={className} onClick={() => setOpen(true)} {...toggleProps}>{label}</button>;
  return (
    <div className="inline-form" {...regionProps}>
      <input autoFocus aria-label={reasonLabel} placeholder={placeholder} value={reason} onChange={(event) => setReason(event.target.value)} />
      <button type="button" disabled={action.busy || reason.trim() === ''} onClick={() => void action.run()}>{confirm}</button>
      {action.error && <span role="alert" className="error small">{action.error}</span>}
    </div>
  );
}
