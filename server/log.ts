/** Structured JSON logs, one object per line on stdout, so operators can ship them as they are. */
export type LogLevel = 'silent' | 'error' | 'info' | 'debug';
const rank: Record<LogLevel, number> = { silent: 0, error: 1, info: 2, debug: 3 };

export interface Logger {
  error(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  debug(msg: string, fields?: Record<string, unknown>): void;
}

export function createLogger(level: LogLevel): Logger {
  const write = (lvl: Exclude<LogLevel, 'silent'>) => (msg: string, fields: Record<string, unknown> = {}) => {
    if (rank[lvl] > rank[level]) return;
    process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields }) + '\n');
  };
  return { error: write('error'), info: write('info'), debug: write('debug') };
}

export const silentLogger: Logger = { error() {}, info() {}, debug() {} };
