"use client";

import { useRef, useState, type MouseEvent } from "react";
import { buttonClass } from "@/components/ui/button";

const NEWLINE = 10;

/** "…; filename="x.csv"" → x.csv */
function fileNameOf(res: Response, fallback: string): string {
  return /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? fallback;
}

/**
 * A CSV export link that shows its progress: the file streams from the server (a million orders
 * take seconds), and while it does the button becomes a bar with the rows received so far against
 * the rows expected (`expectedRows`: the range's order count; the bar stops at 99 % until the last
 * byte), with a Cancel. When done, the file is saved under the server's name. Without JavaScript,
 * or if the browser cannot stream, it is a plain download link.
 */
export function CsvExportButton({ href, label, noun, expectedRows, testId }: { href: string; label: string; noun: string; expectedRows: number; testId: string }) {
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const running = useRef<AbortController | null>(null);

  const start = async (e: MouseEvent<HTMLAnchorElement>) => {
    if (typeof ReadableStream === "undefined") return; // the link downloads it
    e.preventDefault();
    if (running.current) return;
    const controller = new AbortController();
    running.current = controller;
    setProblem(null);
    setProgress(0);
    try {
      const res = await fetch(href, { signal: controller.signal, cache: "no-store" });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
      }
      const reader = res.body.getReader();
      const parts: Uint8Array<ArrayBuffer>[] = [];
      let lines = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value as Uint8Array<ArrayBuffer>);
        for (let i = 0; i < value.length; i++) if (value[i] === NEWLINE) lines++;
        setProgress(Math.max(0, lines - 1)); // the header line is not a row
      }
      const url = URL.createObjectURL(new Blob(parts, { type: "text/csv;charset=utf-8" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = fileNameOf(res, "export.csv");
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      if (!controller.signal.aborted) setProblem(`The export stopped: ${(error as Error).message}. Try again.`);
    } finally {
      running.current = null;
      setProgress(null);
    }
  };

  const pct = progress === null ? 0 : expectedRows > 0 ? Math.min(99, Math.floor((progress / expectedRows) * 100)) : 0;
  return (
    <div className="flex flex-col items-end gap-1">
      {progress === null ? (
        <a href={href} onClick={start} className={buttonClass("secondary", "px-3 py-1.5 text-xs")} download data-testid={testId}>
          {label}
        </a>
      ) : (
        <div className="flex items-center gap-2 text-xs text-slate-600" data-testid={`${testId}-progress`}>
          <span className="tabular-nums" aria-live="polite">
            {progress.toLocaleString("en-US")} of about {expectedRows.toLocaleString("en-US")} {noun}
          </span>
          <div role="progressbar" aria-label={`${label} progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2 w-24 overflow-hidden rounded-full bg-slate-100">
            <div className="h-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
          </div>
          <button type="button" onClick={() => running.current?.abort()} className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50">
            Cancel
          </button>
        </div>
      )}
      {problem && (
        <p className="text-xs text-red-600" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
