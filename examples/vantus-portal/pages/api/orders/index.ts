import type { NextApiRequest, NextApiResponse } from "next";
import { z } from "zod";
import { prisma } from "../../../lib/prisma";

const OrderInput = z.object({
  email: z.string().email(),
  name: z.string().min(1),
  lines: z.array(z.object({ productId: z.number().int(), quantity: z.number().int().positive() })).min(1),
});

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "POST") {
    res.setHeader("Allow", "POST");
    return res.status(405).json({ error: "method not allowed" });
  }
  const parsed = OrderInput.safeParse(req.body);
  if (!parsed.success) return res.status(400).json({ error: parsed.error.flatten() });
  const { email, name, lines } = parsed.data;
  const products = await prisma.product.findMany({ where: { id: { in: lines.map((l) => l.productId) } } });
  const price = new Map(products.map((p) => [p.id, p.priceCents]));
  const order = await prisma.order.create({
    data: {
      customer: { connectOrCreate: { where: { email }, create: { email, name } } },
      totalCents: lines.reduce((sum, l) => sum + (price.get(l.productId) ?? 0) * l.quantity, 0),
      lines: {
        create: lines.map((l) => ({ productId: l.productId, quantity: l.quantity, priceCents: price.get(l.productId) ?? 0 })),
      },
    },
  });
  return res.status(201).json({ id: order.id, status: order.status });
}
