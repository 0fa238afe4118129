import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { count } from "@/lib/format/count";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePrincipal } from "@/lib/auth/session";
import { hasScope } from "@/lib/auth/rules/scopes";
import { allAgents } from "@/lib/catalog/agents";
import { listChats } from "@/lib/catalog/chats";
import { allInstances } from "@/lib/catalog/instances";
import { AgentsTable, InstancesTable } from "./catalog-tables";
import { ChatsBrowser } from "./chats-browser";
import { CreateAgentDialog, CreateChatDialog, CreateInstanceDialog } from "./create-dialogs";

export const metadata = { title: "Instances & agents" };

/** Chats per request in the Chats card (its first page, and each "Load more"). */
const CHATS_PAGE = 25;

export default async function InstancesPage() {
  const p = await requirePagePrincipal();
  const [instances, agents, chats] = await Promise.all([allInstances(p), allAgents(p), listChats(p, { limit: CHATS_PAGE })]);
  const canWrite = hasScope(p.scopes, "instances:write");
  const agentOptions = agents.map((a) => ({ id: a.id, name: a.name }));
  return (
    <>
      <PageHeader title="Instances & agents" description="The messaging accounts the hub runs, the AI agents that answer on them, and their chats."
        actions={canWrite ? <CreateInstanceDialog agents={agentOptions} /> : null} />
      <div className="space-y-6">
        <Card>
          <CardHeader>
            <CardTitle>Instances</CardTitle>
            <CardDescription>{count(instances.length, "instance")}. The default agent answers when no route matches.</CardDescription>
          </CardHeader>
          <CardContent><InstancesTable rows={instances} agents={agentOptions} canEdit={canWrite} /></CardContent>
        </Card>
        <div className="grid gap-6 xl:grid-cols-2">
          <Card>
            <CardHeader className="flex flex-row items-start justify-between gap-4">
              <div>
                <CardTitle>Agents</CardTitle>
                <CardDescription>{count(agents.length, "agent")}</CardDescription>
              </div>
              {hasScope(p.scopes, "agents:write") ? <CreateAgentDialog /> : null}
            </CardHeader>
            {/* newest first: what was just added is on the first page */}
            <CardContent><AgentsTable rows={[...agents].sort((a, b) => +new Date(b.createdAt) - +new Date(a.createdAt))} canEdit={hasScope(p.scopes, "agents:write") && p.instanceIds === null} /></CardContent>
          </Card>
          <Card>
            <CardHeader className="flex flex-row items-start justify-between gap-4">
              <div>
                <CardTitle>Chats</CardTitle>
                <CardDescription>Newest first; search by title or external id.</CardDescription>
              </div>
              {hasScope(p.scopes, "chats:write") && instances.length ? <CreateChatDialog instances={instances} /> : null}
            </CardHeader>
            <CardContent className="min-w-0"><ChatsBrowser initial={JSON.parse(JSON.stringify(chats))} pageSize={CHATS_PAGE} /></CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}
