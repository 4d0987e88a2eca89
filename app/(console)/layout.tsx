import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { HeaderSearch } from "@/components/shell/header-search";
import { KeyboardHelp } from "@/components/shell/keyboard-help";
import { NAV_ITEMS } from "@/components/shell/nav-items";
import { NotificationBell } from "@/components/shell/notification-bell";
import { Sidebar } from "@/components/shell/sidebar";
import { UserMenu } from "@/components/shell/user-menu";
import { TimeZoneProvider } from "@/components/ui/time";
import { requirePage } from "@/lib/auth/guard";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { parseTheme, THEME_COOKIE } from "@/lib/theme";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requirePage("console.view");
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  const items = NAV_ITEMS.filter((item) => can(user.role, item.permission));
  return (
    <TimeZoneProvider zone={user.timeZone}>
      <div className="flex min-h-screen">
        <Sidebar items={items} />
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="flex h-14 items-center justify-end gap-3 border-b border-slate-200 bg-white px-4 dark:border-slate-800 dark:bg-slate-900">
            {can(user.role, "containers.read") && <HeaderSearch />}
            <NotificationBell />
            <UserMenu name={user.name} username={user.username} roleLabel={ROLE_LABELS[user.role]} theme={theme} />
          </header>
          <main className="flex-1 p-4 lg:p-6">{children}</main>
          <KeyboardHelp />
        </div>
      </div>
    </TimeZoneProvider>
  );
}
