import { NotFoundCard } from "@/components/ui/not-found-card";

export default function BudgetNotFound() {
  return <NotFoundCard what="Budget" back={{ href: "/budgets", label: "Back to budgets" }} />;
}
