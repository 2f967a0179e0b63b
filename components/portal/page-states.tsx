"use client";

import { Button } from "@/components/ui/button";
import { Alert, Skeleton } from "@/components/ui/card";

/** The skeleton both portals show while a page loads. */
export function PageSkeleton() {
  return (
    <div className="space-y-4" aria-busy="true" aria-label="Loading">
      <Skeleton className="h-8 w-64" />
      <Skeleton className="h-4 w-96 max-w-full" />
      <div className="grid gap-4 sm:grid-cols-3">
        <Skeleton className="h-24" />
        <Skeleton className="h-24" />
        <Skeleton className="h-24" />
      </div>
      <Skeleton className="h-64" />
    </div>
  );
}

/** What both portals show when a page fails to load. */
export function PageError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="space-y-4">
      <Alert>This page could not be loaded. Nothing was lost; try again in a moment.</Alert>
      <Button variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
