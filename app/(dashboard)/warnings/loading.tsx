import { ListPageSkeleton } from "@/components/ui/skeleton";

export default function WarningsLoading() {
  return <ListPageSkeleton label="Loading warnings…" />;
}
