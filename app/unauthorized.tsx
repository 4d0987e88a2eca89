import Link from "next/link";

export default function Unauthorized() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-3 p-8 text-center">
      <p className="text-sm font-semibold text-amber-600">401</p>
      <h1 className="text-2xl font-semibold">Please sign in</h1>
      <Link href="/login" className="link underline">Sign in</Link>
    </main>
  );
}
