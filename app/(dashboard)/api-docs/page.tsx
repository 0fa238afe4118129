// The API reference, rendered from the generated OpenAPI document (no CDN, nothing fetched).
import Link from "next/link";
import { FileCode } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePrincipal } from "@/lib/auth/session";
import { openApiDocument } from "@/lib/openapi/document";
import { MethodBadge, Operation, type Op } from "./operation";

export const metadata = { title: "API reference" };

export default async function ApiDocsPage() {
  await requirePagePrincipal();
  const doc = openApiDocument();
  const errors = Object.fromEntries(Object.entries(doc.components.responses).map(([k, v]) => [k.slice(1), v.description]));
  const ops = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Op>).map(([method, op]) => ({ path, method: method.toUpperCase(), op, tag: (op as unknown as { tags: string[] }).tags[0] })),
  );
  const tags = doc.tags.map((t) => t.name);
  return (
    <>
      <PageHeader
        title="API reference"
        description={<>Every endpoint of <code className="font-mono text-[13px]">/api/v1</code>, generated from the same schemas the server validates with. Send <code className="font-mono text-[13px]">Authorization: Bearer omni_sk_…</code>; errors come as <code className="font-mono text-[13px]">{"{ error: { code, message, details } }"}</code>.</>}
        actions={
          <a href="/api/v1/openapi.json" className={buttonClasses({ variant: "secondary", size: "sm" })} download="omni-admin-openapi.json">
            <FileCode aria-hidden="true" className="size-4" />
            openapi.json
          </a>
        }
      />
      <div className="grid gap-8 lg:grid-cols-[14rem_minmax(0,1fr)]">
        <nav aria-label="Endpoints" className="hidden lg:block">
          <div className="sticky top-20 max-h-[calc(100dvh-6rem)] space-y-4 overflow-y-auto pr-2">
            {tags.map((tag) => (
              <div key={tag}>
                <p className="mb-1 text-xs font-medium tracking-wide text-fg-muted uppercase">{tag}</p>
                <ul className="space-y-0.5">
                  {ops.filter((o) => o.tag === tag).map((o) => (
                    <li key={o.op.operationId}>
                      <Link href={`#${o.op.operationId}`} className="flex items-center gap-2 rounded px-1 py-0.5 text-xs text-fg-muted hover:bg-muted hover:text-fg">
                        <MethodBadge method={o.method} />
                        <span className="truncate font-mono">{o.path.replace("/api/v1", "")}</span>
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        </nav>
        <div className="min-w-0 space-y-10">
          {tags.map((tag) => (
            <section key={tag} aria-labelledby={`tag-${tag}`}>
              <h2 id={`tag-${tag}`} className="mb-3 text-base font-semibold text-fg">{tag}</h2>
              <div className="space-y-4">
                {ops.filter((o) => o.tag === tag).map((o) => (
                  <Operation key={o.op.operationId} method={o.method} path={o.path} op={o.op} errors={errors} />
                ))}
              </div>
            </section>
          ))}
        </div>
      </div>
    </>
  );
}
