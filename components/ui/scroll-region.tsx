import type { ReactNode } from "react";

/**
 * A box that scrolls sideways on its own (a wide table or code on a phone) instead of widening the
 * page. It is a named region that takes keyboard focus, so that keyboard users can scroll it with the
 * arrow keys (axe: scrollable-region-focusable). Positioned, so that absolutely positioned content
 * (a screen-reader-only label) scrolls with it.
 */
export function ScrollRegion({ label, className = "", testId, children }: { label: string; className?: string; testId?: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`relative overflow-x-auto ${className}`} data-testid={testId}>
      {children}
    </div>
  );
}
