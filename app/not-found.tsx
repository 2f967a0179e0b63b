import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center px-4 text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-slate-500">It does not exist, or you do not have access to it.</p>
      <Link href="/" className="mt-6 text-sm font-medium text-brand-700 hover:underline">
        Go to your home page
      </Link>
    </main>
  );
}
