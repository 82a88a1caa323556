// The secret the server hands out once (creation, rotation) travels from the create dialog to
// the project page in memory only: never in the URL, storage or history, so a reload loses it —
// which is what "shown once" means.
let pending: { projectId: string; secret: string } | null = null;

export function keepSecret(projectId: string, secret: string): void {
  pending = { projectId, secret };
}

/** The secret for this project if one was just issued; taken (cleared) on read. */
export function takeSecret(projectId: string): string | null {
  if (pending?.projectId !== projectId) return null;
  const { secret } = pending;
  pending = null;
  return secret;
}
