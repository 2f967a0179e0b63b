import { signOutAction } from "@/app/(auth)/actions";

/** Signs this device out (the session ends on the server too). */
export function SignOutButton() {
  return (
    <form action={signOutAction}>
      <button type="submit" className="rounded-md px-2.5 py-1.5 text-sm text-slate-600 hover:bg-slate-100">
        Sign out
      </button>
    </form>
  );
}
