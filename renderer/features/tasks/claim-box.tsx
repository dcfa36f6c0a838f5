import { Button } from 'react-aria-components';
import type { TaskClaim } from '../../../shared/task';
import { timeLeft, useNow } from '../../lib/use-now';

interface ClaimBoxProps {
  claim: TaskClaim;
  busy: boolean;
  onRelease: () => void;
}

/** Who holds the task and for how long; the person may always take it back. */
export function ClaimBox({ claim, busy, onRelease }: ClaimBoxProps) {
  const now = useNow();
  return (
    <div className="task-claim-box" role="group" aria-label="Claim">
      <p>
        Claimed by <strong dir="auto">{claim.by}</strong> ·{' '}
        <span className="task-claim-left">{timeLeft(claim.expires_at, now)}</span>
      </p>
      <p className="task-section-hint">Saving a change here releases the claim; the history records it.</p>
      <Button className="button" isDisabled={busy} onPress={onRelease}>
        Release
      </Button>
    </div>
  );
}
