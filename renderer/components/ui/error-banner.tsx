import './error-banner.css';
import { AlertCircle, X } from 'lucide-react';
import { Button } from 'react-aria-components';

interface ErrorBannerProps {
  /** Shown as it comes: server messages are written to be acted on. */
  message: string;
  onRetry?: () => void;
  onDismiss?: () => void;
}

export function ErrorBanner({ message, onRetry, onDismiss }: ErrorBannerProps) {
  return (
    <div className="error-banner" role="alert">
      <AlertCircle size={16} aria-hidden />
      <span className="error-banner-text">{message}</span>
      {onRetry && (
        <Button className="button" onPress={onRetry}>
          Try again
        </Button>
      )}
      {onDismiss && (
        <Button className="icon-button" aria-label="Dismiss error" onPress={onDismiss}>
          <X size={14} aria-hidden />
        </Button>
      )}
    </div>
  );
}
