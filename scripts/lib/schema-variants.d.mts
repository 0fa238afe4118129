export type Provider = "sqlite" | "postgresql";
export const SCHEMA_PATH: string;
export const PG_SCHEMA_PATH: string;
export const MIGRATIONS_DIRS: Record<Provider, string>;
export function postgresqlSchema(text: string): string;
export function schemaText(provider: Provider, root?: string): string;
export function writePostgresqlSchema(root?: string): string;
