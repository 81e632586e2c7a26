import { useEffect, useState } from 'react';
import type { ReviewStatus } from '../../../../shared/review/views';
import { api } from '../../api';
import { errorMessage } from '../../format';

/** Sign-off per area and the lock, read again whenever the engagement changes (its audit log grows). */
export function useReviewStatus(auditEntries: number): { status: ReviewStatus | null; error: string | null } {
  const [status, setStatus] = useState<ReviewStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    api.call('signoff.status', {}).then(
      (next) => current && setStatus(next),
      (caught: unknown) => current && setError(errorMessage(caught)),
    );
    return () => {
      current = false;
    };
  }, [auditEntries]);
  return { status, error };
}
