import { redirect } from "next/navigation";
import { requirePage } from "@/lib/auth/guard";

export default async function AdminPage() {
  await requirePage("admin.users");
  redirect("/admin/users");
}
