import { useLiveEvents } from '../lib/live-events';

/**
 * Says plainly, for as long as it lasts, that the server is not answering
 * (stopped, restarting, asleep): what is typed stays where it is, and lists,
 * counts and status are fetched again as soon as it is back.
 */
export function UnreachableBanner() {
  const { lost } = useLiveEvents();
  return (
    <div className="unreachable-region" aria-live="assertive">
      {lost && (
        <p className="unreachable-banner" role="alert">
          TaskDesk’s server is not answering, so nothing can be saved right now. What you have typed stays here;
          reconnecting…
        </p>
      )}
    </div>
  );
}
