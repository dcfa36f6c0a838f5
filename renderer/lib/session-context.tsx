import { createContext, useContext } from 'react';

export interface SessionControl {
  /** Shows the signed-out screen with `reason`; the views and their event stream are unmounted. */
  signedOut: (reason: string) => void;
}

/**
 * The session layer's handle for the parts below it. Outside <App> (component
 * tests render a single view) there is no session screen to switch to, so the
 * default does nothing.
 */
export const SessionContext = createContext<SessionControl>({ signedOut: () => undefined });

export function useSessionControl(): SessionControl {
  return useContext(SessionContext);
}

export const SESSION_ENDED_REASON = 'Your sign-in has ended: this browser was signed out, or its sign-in expired.';
