/** The contract of the views. */
import type { Route } from "./router.ts";

/** What every view gets: the route, the element to render into and a signal that aborts on leave. */
export interface ViewContext {
  route: Route;
  main: HTMLElement;
  /** Aborted when the user navigates away: views stop loading and remove their listeners. */
  signal: AbortSignal;
}

/** A view: sets the document title and renders. */
export type View = (context: ViewContext) => Promise<void> | void;

/** Sets the page title (`… — 編年 Biannian`). */
export function setTitle(title: string): void {
  document.title = title ? `${title} — 編年 Biannian` : "編年 Biannian";
}
