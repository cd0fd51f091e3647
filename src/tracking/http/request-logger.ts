import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, LogFn } from 'pino';

/**
 * A request's logger that becomes a real child logger (with the request id bound) only when
 * something is logged. Fastify makes a child per request; pino's child serialises its bindings
 * at once, which measured about a sixth of a hit's CPU time on the tracking path, where almost no
 * request logs anything (bench/tracking.ts, capture, with and without it in one run).
 */
export class RequestLogger {
  readonly #parent: FastifyBaseLogger;
  readonly #bindings: Bindings;
  readonly #options: ChildLoggerOptions;
  #child: FastifyBaseLogger | undefined;

  constructor(parent: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions) {
    this.#parent = parent;
    this.#bindings = bindings;
    this.#options = options;
  }

  #real(): FastifyBaseLogger {
    this.#child ??= this.#parent.child(this.#bindings, this.#options);
    return this.#child;
  }

  get level(): string {
    return (this.#child ?? this.#parent).level;
  }
  set level(level: string) {
    this.#real().level = level;
  }

  // Methods on the prototype, not arrow fields: a request costs one small object, no closures.
  fatal(...args: Parameters<LogFn>): void {
    this.#real().fatal(...args);
  }
  error(...args: Parameters<LogFn>): void {
    this.#real().error(...args);
  }
  warn(...args: Parameters<LogFn>): void {
    this.#real().warn(...args);
  }
  info(...args: Parameters<LogFn>): void {
    this.#real().info(...args);
  }
  debug(...args: Parameters<LogFn>): void {
    this.#real().debug(...args);
  }
  trace(...args: Parameters<LogFn>): void {
    this.#real().trace(...args);
  }
  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#real().child(bindings, options);
  }
}

/** Fastify's childLoggerFactory for the tracking plugin (see RequestLogger). */
export function lazyRequestLogger(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  return new RequestLogger(logger, bindings, options) as unknown as FastifyBaseLogger;
}
