import Link from "next/link";

export default function RootNotFound() {
  return (
    <main id="main" className="flex min-h-dvh flex-col items-center justify-center gap-3 px-4 text-center">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="text-sm text-muted-foreground">This page does not exist.</p>
      <Link href="/" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
        Go to the console
      </Link>
    </main>
  );
}
