import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-3 p-8 text-center">
      <p className="text-sm font-semibold text-red-600">403</p>
      <h1 className="text-2xl font-semibold">You do not have access to this page</h1>
      <p className="text-slate-600 dark:text-slate-400">Your role does not allow it. Ask an administrator if you need it.</p>
      <Link href="/" className="link underline">Back to Home</Link>
    </main>
  );
}
