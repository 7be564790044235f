/** Polls a predicate until it holds, instead of sleeping a fixed time. */
export async function waitFor(predicate: () => boolean | Promise<boolean>, { timeout = 5000, interval = 10, what = 'condition' } = {}): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}
