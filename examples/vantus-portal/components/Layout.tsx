import Head from "next/head";
import Link from "next/link";
import type { ReactNode } from "react";

export function Layout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <Head>
        <title>{title}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
      </Head>
      <header>
        <Link href="/">Vantus</Link> · <Link href="/products">Products</Link>
      </header>
      <main>{children}</main>
      <footer>© Vantus Systems</footer>
    </>
  );
}
