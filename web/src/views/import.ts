/**
 * `#/import`: a chronicle pasted or uploaded, with its work, juan and state, read and stored by
 * the server as `biannian ingest` would. The server answers step by step (one JSON line a step):
 * a progress bar follows it, and the problems the parser and the dater found are listed by line
 * and column, each linked to its place in the pasted text.
 */
import { ApiError, forgetAnswers } from "../api.ts";
import { h, replace } from "../dom.ts";
import { credentials, editPolicy } from "../edits.ts";
import { href } from "../router.ts";
import { setTitle, type View } from "../view.ts";

/** One problem of the imported text. */
interface ImportMessage {
  line: number;
  column: number | null;
  severity: string;
  rule: string;
  message: string;
}

/** One step of the server's answer. */
type Step =
  | { step: "read"; characters: number }
  | { step: "store"; done: number; total: number }
  | {
      step: "done";
      status: string;
      document: { id: number; name: string; entryCount: number };
      messages: ImportMessage[];
    }
  | { step: "error"; status: number; detail: string };

/** A file's bytes as base64, for the JSON body. */
async function base64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Reads the answer's lines as they come, calling `onStep` for each. */
async function readSteps(response: Response, onStep: (step: Step) => void): Promise<void> {
  const reader = response.body?.getReader();
  if (!reader) return;
  const decoder = new TextDecoder();
  let buffered = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (value) buffered += decoder.decode(value, { stream: true });
    let at = buffered.indexOf("\n");
    while (at !== -1) {
      const line = buffered.slice(0, at).trim();
      buffered = buffered.slice(at + 1);
      if (line) onStep(JSON.parse(line) as Step);
      at = buffered.indexOf("\n");
    }
    if (done) break;
  }
}

function input(name: string, label: string, type = "text"): HTMLInputElement {
  return h("input", { name, type, attrs: { "aria-label": label } });
}

export const importView: View = async ({ main }) => {
  setTitle("Import a chronicle");
  const policy = await editPolicy();
  const name = input("name", "File name");
  const work = input("work", "Work");
  const juan = input("juan", "Juan", "number");
  const state = input("state", "State");
  const text = h("textarea", {
    name: "text",
    attrs: { "aria-label": "Chronicle text", rows: 12 },
    lang: "zh-Hant",
  });
  const file = input("file", "Chronicle file", "file");
  const progress = h("progress", {
    attrs: { "aria-label": "Import progress", max: 1, value: 0 },
    hidden: true,
  });
  const status = h("p", { class: "edit-status", role: "status" });
  const problems = h("section", { class: "import-problems", attrs: { "aria-live": "polite" } });
  const submit = h("button", { type: "submit" }, "Import");

  file.addEventListener("change", () => {
    const chosen = file.files?.[0];
    if (chosen && !name.value) name.value = chosen.name;
  });

  const show = (step: Step) => {
    if (step.step === "read") {
      progress.hidden = false;
      progress.removeAttribute("value");
      status.textContent = `Reading ${step.characters.toLocaleString("en")} characters…`;
    } else if (step.step === "store") {
      progress.max = Math.max(1, step.total);
      progress.value = step.done;
      status.textContent = `Storing entries: ${step.done} of ${step.total}`;
    } else if (step.step === "error") {
      status.textContent = step.detail;
    } else {
      progress.max = 1;
      progress.value = 1;
      status.textContent = `${step.status === "replaced" ? "Replaced" : "Stored"} ${step.document.name}: ${step.document.entryCount} entries, ${step.messages.length} problems.`;
      replace(
        problems,
        h("h2", null, "Problems by line"),
        h("p", null, h("a", { href: href(["read", step.document.id]) }, "Read it")),
        step.messages.length
          ? h(
              "table",
              { class: "import-messages" },
              h(
                "thead",
                null,
                h(
                  "tr",
                  null,
                  ["Line", "Column", "Severity", "Problem", "Rule"].map((x) => h("th", null, x)),
                ),
              ),
              h(
                "tbody",
                null,
                step.messages.map((m) =>
                  h(
                    "tr",
                    { attrs: { "data-line": m.line } },
                    h("td", null, String(m.line)),
                    h("td", null, m.column === null ? "" : String(m.column)),
                    h("td", null, m.severity),
                    h("td", null, m.message),
                    h("td", { class: "meta" }, m.rule),
                  ),
                ),
              ),
            )
          : h("p", null, "No problems."),
      );
    }
  };

  const form = h(
    "form",
    {
      class: "import-form",
      on: {
        submit: (event) => {
          event.preventDefault();
          void send();
        },
      },
    },
    h(
      "p",
      null,
      h("label", null, "File name ", name),
      " ",
      h("label", null, "Work ", work),
      " ",
      h("label", null, "Juan ", juan),
      " ",
      h("label", null, "State ", state),
    ),
    h("p", null, h("label", null, "Paste the chronicle ", text)),
    h("p", null, h("label", null, "or choose a file (UTF-8, UTF-16, GB18030 or Big5) ", file)),
    h("p", null, submit, " ", progress),
    status,
  );

  async function send(): Promise<void> {
    replace(problems);
    status.textContent = "Sending…";
    const chosen = file.files?.[0];
    const body: Record<string, unknown> = { name: name.value.trim() || chosen?.name || "pasted.txt" };
    if (chosen) body.bytes = await base64(chosen);
    else body.text = text.value;
    if (work.value.trim()) body.work = work.value.trim();
    if (juan.value.trim()) body.juan = Number(juan.value);
    if (state.value.trim()) body.state = state.value.trim();
    const { token } = credentials();
    submit.disabled = true;
    try {
      const response = await fetch("/api/import", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
      if (!response.ok) {
        const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
        throw new ApiError(response.status, problem?.detail ?? `${response.status} ${response.statusText}`);
      }
      await readSteps(response, show);
      forgetAnswers();
    } catch (error) {
      progress.hidden = true;
      status.textContent = (error as Error).message;
    } finally {
      submit.disabled = false;
    }
  }

  replace(
    main,
    h("h1", null, "Import a chronicle"),
    policy.allowed ? form : h("p", { class: "notice error" }, policy.refusal ?? "This server is read-only."),
    problems,
  );
};
