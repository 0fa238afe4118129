import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONE: Record<string, BadgeTone> = {
  create: "success", merge: "warning", link: "accent", unlink: "accent", delete: "danger", revoke: "danger", revert: "danger", erase: "danger", retention: "danger", update: "neutral", roll: "warning",
};

/** An audit action ("person.merge") as a badge coloured by its verb. */
export function ActionBadge({ action }: { action: string }) {
  const verb = action.split(".").pop() ?? action;
  return <Badge tone={TONE[verb] ?? "neutral"} className="font-mono">{action}</Badge>;
}
