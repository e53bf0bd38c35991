// Everything a run leaves behind where a secret could leak: files, and what `ps` shows of it.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under `dir` (recursively) with its contents. */
export function snapshotFiles(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (stat.isFile()) files.set(path, readFileSync(path));
    }
  };
  walk(dir);
  return files;
}

/** Files that are new or changed between two snapshots. */
export function writtenFiles(before: Map<string, Buffer>, after: Map<string, Buffer>): Map<string, Buffer> {
  return new Map([...after].filter(([path, content]) => !before.get(path)?.equals(content)));
}

/** A running process's argv and environment as `ps` (and anyone with /proc access) sees them. */
export function processView(pid: number): string {
  return ['cmdline', 'environ'].map((f) => readFileSync(`/proc/${pid}/${f}`).toString('utf8').replace(/\0/g, '\n')).join('\n');
}

const ALTERNATE_SCREEN = /\x1b\[\?1049h[\s\S]*?(\x1b\[\?1049l|$)/g;

/** The raw terminal output without the alternate-screen blocks, the one place meant to show a secret. */
export const outsideAlternateScreen = (raw: string) => raw.replace(ALTERNATE_SCREEN, '');

/** The alternate-screen blocks alone. */
export const alternateScreenBlocks = (raw: string) => [...raw.matchAll(ALTERNATE_SCREEN)].map((m) => m[0]);
