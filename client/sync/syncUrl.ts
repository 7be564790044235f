/** Where the sync WebSocket lives: `/sync` on the same host that served the page. */

export function syncServerUrl(loc: Pick<Location, 'protocol' | 'host'> = location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/sync`;
}
