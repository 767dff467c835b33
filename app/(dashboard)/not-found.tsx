import { NotFoundCard } from "@/components/ui/not-found-card";

/** What a dashboard page shows for a record or tool that does not exist (or is another owner's). */
export default function DashboardNotFound() {
  return <NotFoundCard what="Page" back={{ href: "/", label: "Go to the home page" }} />;
}
