/**
 * Building DOM nodes. Text — corpus text above all — only ever becomes text nodes: nothing here
 * parses HTML, so a chronicle containing `<script>` shows those characters and nothing runs.
 */

/** What a child argument may be: text, a node, nothing, or a list of them. */
export type Child = string | number | Node | null | undefined | false | readonly Child[];

/** Attributes and properties of `h`. */
export interface Attrs {
  class?: string | undefined;
  id?: string | undefined;
  href?: string | undefined;
  title?: string | undefined;
  role?: string | undefined;
  lang?: string | undefined;
  tabindex?: number | undefined;
  hidden?: boolean | undefined;
  type?: string | undefined;
  name?: string | undefined;
  value?: string | undefined;
  for?: string | undefined;
  /** Any `aria-*` or `data-*` attribute, and other plain attributes. */
  attrs?: Record<string, string | number | boolean | null | undefined>;
  on?: Partial<{ [K in keyof HTMLElementEventMap]: (event: HTMLElementEventMap[K]) => void }> | undefined;
}

const SAFE_URL = /^(#|\/(?!\/)|\.\/|https?:)/;

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const c of child as readonly Child[]) append(parent, c);
  } else if (child instanceof Node) parent.appendChild(child);
  else parent.appendChild(document.createTextNode(String(child)));
}

/**
 * Creates an element with attributes and children (strings become text nodes).
 *
 * @example
 * h("a", { href: "#/entry/1:e13" }, "再遣楊守素如宋") //=> <a href="#/entry/1:e13">再遣楊守素如宋</a>
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    if (attrs.class) el.className = attrs.class;
    if (attrs.id) el.id = attrs.id;
    if (attrs.href !== undefined) el.setAttribute("href", SAFE_URL.test(attrs.href) ? attrs.href : "#/");
    if (attrs.title !== undefined) el.title = attrs.title;
    if (attrs.role) el.setAttribute("role", attrs.role);
    if (attrs.lang) el.lang = attrs.lang;
    if (attrs.tabindex !== undefined) el.tabIndex = attrs.tabindex;
    if (attrs.hidden) el.hidden = true;
    if (attrs.type !== undefined) el.setAttribute("type", attrs.type);
    if (attrs.name !== undefined) el.setAttribute("name", attrs.name);
    if (attrs.value !== undefined) (el as HTMLInputElement).value = attrs.value;
    if (attrs.for !== undefined) el.setAttribute("for", attrs.for);
    for (const [name, value] of Object.entries(attrs.attrs ?? {})) {
      if (value === null || value === undefined || value === false) continue;
      if (/^on/i.test(name) || name === "style" || name === "srcdoc") continue;
      el.setAttribute(name, value === true ? "" : String(value));
    }
    for (const [type, listener] of Object.entries(attrs.on ?? {})) {
      el.addEventListener(type, listener as EventListener);
    }
  }
  for (const child of children) append(el, child);
  return el;
}

/** Replaces an element's children. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  for (const child of children) append(parent, child);
}

/** A note shown where a view has nothing to show, or failed. */
export function notice(text: string, kind: "empty" | "error" | "loading" = "empty"): HTMLElement {
  return h("p", { class: `notice notice-${kind}`, role: kind === "error" ? "alert" : undefined }, text);
}

/** Announces a short message to screen readers. */
export function announce(text: string): void {
  const status = document.getElementById("status");
  if (status) status.textContent = text;
}
