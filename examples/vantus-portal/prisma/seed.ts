import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

async function main() {
  const products = [
    { slug: "fleet-console", name: "Fleet Console", description: "Live view of every site.", priceCents: 490000 },
    { slug: "fleet-console-plus", name: "Fleet Console Plus", description: "With audit trail and SSO.", priceCents: 890000 },
  ];
  for (const product of products) {
    await prisma.product.upsert({ where: { slug: product.slug }, update: product, create: product });
  }
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => prisma.$disconnect());
