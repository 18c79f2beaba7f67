import type { NextApiRequest, NextApiResponse } from "next";
import { prisma } from "../../lib/prisma";

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "POST") return res.status(405).end();
  const { email, message } = req.body ?? {};
  if (typeof email !== "string" || typeof message !== "string" || !message.trim()) {
    return res.status(400).json({ error: "email and message are required" });
  }
  await prisma.contactRequest.create({ data: { email, message: message.slice(0, 5000) } });
  return res.status(202).json({ ok: true });
}
