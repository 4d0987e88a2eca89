"use client";
// The bell in the console's header: unread count, the latest notifications, mark read. New
// notifications arrive as the "notifications" topic of the live stream (/api/live).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { DropdownMenu } from "radix-ui";
import { useEffect } from "react";
import { markNotificationsReadAction } from "@/app/(console)/actions";
import { MenuContent } from "@/components/ui/menu";
import { Time } from "@/components/ui/time";

interface Item { id: string; kind: string; title: string; body: string; link: string; readAt: string | null; createdAt: string }

async function fetchNotifications(): Promise<{ unread: number; items: Item[] }> {
  const res = await fetch("/api/notifications", { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`notifications answered ${res.status}`);
  return res.json();
}

export function NotificationBell() {
  const client = useQueryClient();
  const { data } = useQuery({ queryKey: ["notifications"], queryFn: fetchNotifications, refetchInterval: 60_000 });
  useEffect(() => {
    const source = new EventSource("/api/live");
    source.addEventListener("notifications", () => void client.invalidateQueries({ queryKey: ["notifications"] }));
    return () => source.close();
  }, [client]);
  const unread = data?.unread ?? 0;
  const read = async (id?: string) => {
    await markNotificationsReadAction(id);
    await client.invalidateQueries({ queryKey: ["notifications"] });
  };
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger aria-label={`Notifications: ${unread} unread`} className="relative rounded-full p-2 hover:bg-slate-100 dark:hover:bg-slate-800">
        <svg aria-hidden viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2"><path d="M6 8a6 6 0 1112 0c0 7 3 9 3 9H3s3-2 3-9M10 21h4" /></svg>
        {unread > 0 && <span className="absolute -right-0.5 -top-0.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-semibold text-white" data-testid="unread-count">{unread > 99 ? "99+" : unread}</span>}
      </DropdownMenu.Trigger>
      <MenuContent align="end">
        <div className="w-80 max-w-[90vw]">
          <div className="flex items-center justify-between px-2 py-1.5 text-sm font-semibold">
            Notifications
            {unread > 0 && <button type="button" className="link text-xs font-normal" onClick={() => void read()}>Mark all read</button>}
          </div>
          {(data?.items ?? []).length === 0 && <p className="px-2 py-3 text-sm text-slate-500">Nothing yet.</p>}
          {(data?.items ?? []).map((n) => (
            <DropdownMenu.Item key={n.id} asChild onSelect={() => void read(n.id)}>
              <Link href={n.link || "#"} className={`block rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-slate-100 dark:data-[highlighted]:bg-slate-800 ${n.readAt ? "text-slate-500" : "font-medium"}`}>
                <span className="block">{n.title}</span>
                {n.body && <span className="block truncate text-xs text-slate-500">{n.body}</span>}
                <span className="block text-xs text-slate-500"><Time value={n.createdAt} /></span>
              </Link>
            </DropdownMenu.Item>
          ))}
        </div>
      </MenuContent>
    </DropdownMenu.Root>
  );
}
