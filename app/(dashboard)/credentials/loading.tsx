import { ListPageSkeleton } from "@/components/ui/skeleton";

export default function CredentialsLoading() {
  return <ListPageSkeleton label="Loading credentials…" />;
}
