"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export type NavItem = { href: string; label: string; exact?: boolean };

export function PortalNav({ items, variant }: { items: NavItem[]; variant: "desktop" | "mobile" }) {
  const pathname = usePathname();
  const isActive = (item: NavItem) => (item.exact ? pathname === item.href : pathname === item.href || pathname.startsWith(`${item.href}/`));
  if (variant === "mobile") {
    return (
      <nav aria-label="Sections" className="flex gap-1 overflow-x-auto border-t border-slate-100 px-3 py-1.5 lg:hidden">
        {items.map((item) => (
          <SectionLink key={item.href} item={item} current={isActive(item)} className="whitespace-nowrap px-2.5 py-1.5" />
        ))}
      </nav>
    );
  }
  return (
    <nav aria-label="Sections" className="hidden w-48 shrink-0 lg:block">
      <ul className="sticky top-20 space-y-1">
        {items.map((item) => (
          <li key={item.href}>
            <SectionLink item={item} current={isActive(item)} className="block px-3 py-2 hover:bg-slate-100" />
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A section's link, marked as the current page (highlighted) where the reader is. */
function SectionLink({ item, current, className }: { item: NavItem; current: boolean; className: string }) {
  return (
    <Link
      href={item.href}
      aria-current={current ? "page" : undefined}
      className={`${className} rounded-md text-sm text-slate-600 aria-[current=page]:bg-brand-50 aria-[current=page]:font-medium aria-[current=page]:text-brand-700`}
    >
      {item.label}
    </Link>
  );
}
