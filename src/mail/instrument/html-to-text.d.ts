// The part of html-to-text 10's API that text-from-html.ts uses. The package ships no types and
// @types/html-to-text describes version 9, whose API version 10 kept (its changelog: "no new
// features"); the names below are those of @types/html-to-text, so either can stand in.
declare module 'html-to-text' {
  /** A node of the parsed document (domhandler's, as html-to-text passes it to formatters). */
  export interface DomNode {
    type: string;
    name?: string;
    data?: string;
    attribs?: Record<string, string>;
    children?: DomNode[];
  }

  export interface BlockTextBuilder {
    /** Free-form data given as convert's third argument. */
    readonly metadata: unknown;
    /** Adds words to the current block; `noWordTransform` keeps them as given. */
    addInline(text: string, options?: { noWordTransform?: boolean }): void;
  }

  export type RecursiveCallback = (nodes: DomNode[] | undefined, builder: BlockTextBuilder) => void;

  export type FormatCallback = (
    elem: DomNode,
    walk: RecursiveCallback,
    builder: BlockTextBuilder,
    formatOptions: Record<string, unknown>,
  ) => void;

  export interface SelectorDefinition {
    selector: string;
    format?: string;
    options?: Record<string, unknown>;
  }

  export interface HtmlToTextOptions {
    /** Characters per line before a break; `false`: no wrapping. */
    wordwrap?: number | false | null;
    formatters?: Record<string, FormatCallback>;
    selectors?: SelectorDefinition[];
  }

  /** Compiles the options once; the function converts a document, `metadata` to formatters. */
  export function compile(
    options?: HtmlToTextOptions,
  ): (html: string, metadata?: unknown) => string;
}
