"use client";

import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";

export default function BrandError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="space-y-4">
      <Alert>This page could not be loaded. Nothing was lost; try again in a moment.</Alert>
      <Button variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
