import type { Permission } from "@/lib/auth/permissions";

export interface NavItem {
  href: string;
  label: string;
  permission: Permission;
  icon: string;
  /** Not built yet: the navigation says so, not only the page. */
  coming?: true;
}

// Icons are SVG path data (24x24, stroked) so the shell ships no icon library.
export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Home", permission: "console.view", icon: "M3 11l9-8 9 8M5 10v10h5v-6h4v6h5V10" },
  { href: "/events", label: "Events", permission: "containers.read", icon: "M4 6h16M4 12h16M4 18h10" },
  { href: "/cases", label: "Cases", permission: "containers.read", icon: "M4 7h16v12H4zM9 7V5h6v2" },
  { href: "/playbooks", label: "Playbooks", permission: "playbooks.read", icon: "M6 4v16l12-8z" },
  { href: "/apps", label: "Apps & Assets", permission: "apps.read", icon: "M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z" },
  { href: "/approvals", label: "Approvals", permission: "approvals.read", icon: "M5 12l4 4 10-10" },
  { href: "/workbooks", label: "Workbooks", permission: "workbooks.read", icon: "M5 4h11l3 3v13H5zM9 10h6M9 14h6" },
  { href: "/sla", label: "SLA", permission: "sla.read", icon: "M12 7v5l3 3M12 21a9 9 0 100-18 9 9 0 000 18z" },
  { href: "/lists", label: "Custom lists", permission: "lists.read", icon: "M8 6h12M8 12h12M8 18h12M4 6h.01M4 12h.01M4 18h.01" },
  { href: "/indicators", label: "Indicators", permission: "indicators.read", icon: "M12 3l8 4v5c0 5-3.5 8-8 9-4.5-1-8-4-8-9V7z" },
  { href: "/admin/users", label: "Administration", permission: "admin.users", icon: "M12 15a3 3 0 100-6 3 3 0 000 6zM4 12h2M18 12h2M12 4v2M12 18v2" },
];
