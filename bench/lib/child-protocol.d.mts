export interface ReadyLine {
  readonly ready: true;
  readonly address: string;
  readonly pid: number;
  readonly [key: string]: unknown;
}

export function announce(line: Omit<ReadyLine, 'ready' | 'pid'>): void;

export function stopWhenAsked(stop: () => Promise<void>, graceMs?: number): void;
