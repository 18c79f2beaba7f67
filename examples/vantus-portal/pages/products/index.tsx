import type { GetServerSideProps } from "next";
import Link from "next/link";
import { Layout } from "../../components/Layout";
import { formatCents } from "../../lib/money";
import { prisma } from "../../lib/prisma";

type Item = { slug: string; name: string; priceCents: number };

export const getServerSideProps: GetServerSideProps<{ products: Item[] }> = async () => {
  const products = await prisma.product.findMany({
    where: { active: true },
    select: { slug: true, name: true, priceCents: true },
    orderBy: { name: "asc" },
  });
  return { props: { products } };
};

export default function Products({ products }: { products: Item[] }) {
  return (
    <Layout title="Products · Vantus">
      <h1>Products</h1>
      <ul>
        {products.map((p) => (
          <li key={p.slug}>
            <Link href={`/products/${p.slug}`}>{p.name}</Link> {formatCents(p.priceCents)}
          </li>
        ))}
      </ul>
    </Layout>
  );
}
