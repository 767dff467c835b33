import { NotFoundCard } from "@/components/ui/not-found-card";

export default function CredentialNotFound() {
  return <NotFoundCard what="Credential" back={{ href: "/credentials", label: "Back to credentials" }} />;
}
