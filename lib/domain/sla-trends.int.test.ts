// The manager's weekly trend on the real database: events of a past week, with the times they
// were first opened and closed, give that week's count and mean times to acknowledge and resolve.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { container } from "@/lib/engine/testing/helpers";
import { weeklyTrend, WEEKS } from "./sla-trends";

describe("weekly trend", () => {
  it("counts a past week's events and averages their times to acknowledge and resolve", async () => {
    const [row] = await db.$queryRaw<{ week: Date }[]>`select date_trunc('week', now() at time zone 'utc') - interval '5 weeks' as week`;
    const week = row!.week;
    const at = (hours: number) => new Date(week.getTime() + 86_400_000 + hours * 3_600_000);
    const a = await container();
    const b = await container();
    await db.$executeRaw`update containers set create_time = ${at(0)}::timestamptz at time zone 'utc', open_time = ${at(1)}::timestamptz at time zone 'utc',
      close_time = ${at(10)}::timestamptz at time zone 'utc' where id = ${a}`;
    await db.$executeRaw`update containers set create_time = ${at(2)}::timestamptz at time zone 'utc', open_time = ${at(5)}::timestamptz at time zone 'utc',
      close_time = null where id = ${b}`;
    const trend = await weeklyTrend();
    expect(trend).toHaveLength(WEEKS);
    expect(trend[WEEKS - 1]!.week.getTime()).toBeGreaterThan(Date.now() - 7 * 86_400_000);
    const w = trend.find((t) => t.week.getTime() === week.getTime());
    expect(w).toEqual({ week, created: 2, mttaSeconds: 2 * 3600, mttrSeconds: 10 * 3600 });
  });
});
