import type { GetServerSideProps } from "next";
import { Layout } from "../../components/Layout";
import { formatCents } from "../../lib/money";
import { prisma } from "../../lib/prisma";

type Props = { name: string; description: string; priceCents: number };

export const getServerSideProps: GetServerSideProps<Props> = async ({ params }) => {
  const product = await prisma.product.findUnique({ where: { slug: String(params?.slug) } });
  if (!product || !product.active) return { notFound: true };
  return {
    props: { name: product.name, description: product.description, priceCents: product.priceCents },
  };
};

export default function ProductPage({ name, description, priceCents }: Props) {
  return (
    <Layout title={`${name} · Vantus`}>
      <h1>{name}</h1>
      <p>{description}</p>
      <p>{formatCents(priceCents)} per site, per year</p>
    </Layout>
  );
}
