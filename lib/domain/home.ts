// Figures for the Home page.
import { db } from "../db/client";

export async function homeCounts(userId: number) {
  const since = new Date(Date.now() - 86_400_000);
  const [openEvents, openCases, mine, last24h] = await Promise.all([
    db.container.count({ where: { containerType: "default", status: { not: "closed" } } }),
    db.container.count({ where: { containerType: "case", status: { not: "closed" } } }),
    db.container.count({ where: { ownerId: userId, status: { not: "closed" } } }),
    db.container.count({ where: { createdAt: { gte: since } } }),
  ]);
  return { openEvents, openCases, mine, last24h };
}
