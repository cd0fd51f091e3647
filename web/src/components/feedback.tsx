import type { ReactNode } from 'react';

/** An error said where it happened, read out at once. */
export function ErrorText({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p className="error" role="alert">
      {children}
    </p>
  );
}

/** A polite status line ("Saved.") that screen readers announce without moving focus. */
export function StatusText({ children }: { children: ReactNode }) {
  return (
    <p className="status" role="status">
      {children}
    </p>
  );
}

export function Loading({ label }: { label: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      {label}
    </p>
  );
}

/** What a form's last request came to: its error, or its status line. */
export function Outcome({ error, status }: { error: string; status?: string }) {
  return (
    <>
      <ErrorText>{error}</ErrorText>
      {status && <StatusText>{status}</StatusText>}
    </>
  );
}
