import { Badge } from "@/components/ui/badge";

/** The HTTP status the agent got, coloured by class. */
export function CallStatus({ status }: { status: number }) {
  return <Badge tone={status < 300 ? "success" : status < 500 ? "warning" : "danger"}>{status}</Badge>;
}
