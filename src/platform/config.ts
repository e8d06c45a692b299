// Everything wasl reads from the environment, in one place (API.md "Running").
export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  apiKey?: string;
  /** The first owner's sign-in, used once when the store has no user yet. */
  ownerEmail?: string;
  ownerPassword?: string;
  publicUrl: string;
  /** False when `publicUrl` is only our guess from HOST and PORT (then the real address replaces it). */
  publicUrlGiven: boolean;
  logLevel: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  const host = env.HOST ?? '127.0.0.1';
  return {
    port,
    host,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.WASL_DATA_DIR ?? './data',
    apiKey: env.WASL_API_KEY || undefined,
    ownerEmail: env.WASL_OWNER_EMAIL || undefined,
    ownerPassword: env.WASL_OWNER_PASSWORD || undefined,
    publicUrl: env.WASL_PUBLIC_URL ?? `http://${host}:${port}`,
    publicUrlGiven: Boolean(env.WASL_PUBLIC_URL),
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
