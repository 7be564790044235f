/**
 * Downloads an export: fetches the whole file first (so a long PDF can show progress and a
 * refused one a clear error instead of a broken tab), then hands it to the browser as a file
 * named by the server's Content-Disposition.
 */
import { ApiError } from '../api/http.js';
import { announceSignedOut } from '../api/sessionEvents.js';

/** The name in `filename*=UTF-8''…` (RFC 6266), else `filename="…"`, else a fallback. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      // A malformed escape: fall through to the ASCII name.
    }
  }
  const plain = /filename="([^"]*)"/i.exec(disposition);
  return plain?.[1] || fallback;
}

export async function fetchFile(url: string, signal: AbortSignal): Promise<{ blob: Blob; name: string }> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', signal });
  } catch (cause) {
    if ((cause as Error).name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', (cause as Error).message || 'network error');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    if (res.status === 401) announceSignedOut();
    throw new ApiError(res.status, body?.error?.code ?? `http_${res.status}`, body?.error?.message ?? res.statusText);
  }
  const blob = await res.blob();
  return { blob, name: fileNameOf(res.headers.get('content-disposition'), url.split('?')[0]!.split('/').pop() || 'export') };
}

/** Saves a fetched file through a temporary link (the only way a script can name a download). */
export function saveFile(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
