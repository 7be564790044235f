// `npm start`: runs the built release (dist/ and dist-server/). Builds first only when they
// are missing and the build tools (vite, a dev dependency) are installed, so that a
// production install (`npm ci --omit=dev`) of a built release starts without them.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const entry = join(root, 'dist-server/server/index.js');
const built = existsSync(entry) && existsSync(join(root, process.env.GONGBI_CLIENT_DIR || 'dist', 'index.html'));
if (!built) {
  if (!existsSync(join(root, 'node_modules/vite/package.json'))) {
    console.error('Gongbi is not built (dist/ or dist-server/ is missing) and the build tools are not installed: run `npm ci && npm run build` on a build machine and copy dist/ and dist-server/ here.');
    process.exit(1);
  }
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
await import(entry);
