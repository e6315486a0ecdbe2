/** Basename of a program as written (`/usr/bin/rm` → `rm`); the shell resolves it through PATH. */
export function programName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
