"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import type { Portals } from "@/lib/auth/list-portals";

/** Lets a user who is both a brand member and a creator (or in several workspaces) move between portals. */
export function PortalSwitcher({
  portals,
  current,
}: {
  portals: Portals;
  current: { kind: "brand"; slug: string; name: string } | { kind: "creator"; name: string };
}) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    const onClick = (e: MouseEvent) => ref.current && !ref.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);
  const options = portals.workspaces.length + (portals.creator ? 1 : 0);
  if (options <= 1) return <span className="truncate text-sm font-medium text-slate-800">{current.name}</span>;
  return (
    <div className="relative" ref={ref}>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="flex max-w-[14rem] items-center gap-1 truncate rounded-md border border-slate-200 px-2.5 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50"
      >
        <span className="truncate">{current.name}</span>
        <span aria-hidden="true">▾</span>
        <span className="sr-only">Switch portal</span>
      </button>
      {open && (
        <div role="menu" className="absolute left-0 z-40 mt-1 w-64 rounded-md border border-slate-200 bg-white py-1 shadow-lg">
          {portals.workspaces.length > 0 && (
            <p className="px-3 pb-1 pt-2 text-xs font-medium uppercase tracking-wide text-slate-500">Brand workspaces</p>
          )}
          {portals.workspaces.map((w) => (
            <Link
              key={w.id}
              role="menuitem"
              href={`/brand/${w.slug}`}
              onClick={() => setOpen(false)}
              className="block px-3 py-2 text-sm hover:bg-slate-50"
              aria-current={current.kind === "brand" && current.slug === w.slug ? "true" : undefined}
            >
              {w.name} <span className="text-xs text-slate-500">({w.role})</span>
            </Link>
          ))}
          {portals.creator && (
            <>
              <p className="px-3 pb-1 pt-2 text-xs font-medium uppercase tracking-wide text-slate-500">Creator</p>
              <Link role="menuitem" href="/creator" onClick={() => setOpen(false)} className="block px-3 py-2 text-sm hover:bg-slate-50">
                Creator portal
              </Link>
            </>
          )}
        </div>
      )}
    </div>
  );
}
