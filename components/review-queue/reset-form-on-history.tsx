"use client";

import { useEffect } from "react";

/**
 * A GET filter form shows the filters of its URL, also after back/forward: browsers restore the
 * values a user had typed or picked before leaving (bfcache or form restoration), which would show
 * "denied" over a list filtered by "flagged". Resetting the form puts back the values the server
 * rendered for this URL.
 */
export function ResetFormOnHistory({ formId }: { formId: string }) {
  useEffect(() => {
    const reset = () => (document.getElementById(formId) as HTMLFormElement | null)?.reset();
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted) reset();
    };
    reset();
    window.addEventListener("pageshow", onShow);
    return () => window.removeEventListener("pageshow", onShow);
  }, [formId]);
  return null;
}
