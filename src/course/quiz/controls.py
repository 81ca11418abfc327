"""The controls ipywidgets lacks, as small anywidget widgets: a named group of choices, a live
region, an upload button without a file counter.

* :class:`ChoiceGroup` -- radio buttons or checkboxes in a ``<fieldset>`` with a visible legend
  and an accessible name (``role="radiogroup"`` / ``group``, ``aria-label``): ipywidgets'
  ``RadioButtons`` and ``Checkbox`` give a group no name at all. Native inputs, so Tab, the
  arrow keys and Space work as in any form.
* :class:`LiveRegion` -- HTML shown in a ``role="status"`` element that stays in the page while
  its content changes, so screen readers announce each new feedback (``W.HTML`` re-creates its
  content, and a live region created together with its text is often not announced). It also
  keeps the keys pressed inside its question from JupyterLab's notebook shortcuts, which took
  the arrow keys of the options, lists and menus (measured: ArrowDown on an option selected the
  next cell instead, in ipywidgets' own radio buttons too).
* :class:`UploadButton` -- one button that opens the file chooser and sends the chosen file to the
  kernel; ipywidgets' ``FileUpload`` always shows a count, 「上传答案文件 (0)」.
* :class:`ConfirmButton` -- a button that asks before it acts (in the page, no dialog), and keeps
  itself where it was on the screen while the page above it changes (clearing answers shrinks
  the questions above the button; the page would otherwise jump).

:data:`CSS` travels with them: the course's styles for the quiz widgets (one stylesheet per
widget class in the page, however many widgets are shown).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import anywidget
from traitlets import Bool, Int, List, Unicode

CSS = """
.quiz-fieldset { border: 0; margin: 0.2em 0; padding: 0; min-width: 0; }
.quiz-fieldset legend { padding: 0; margin-bottom: 0.2em; color: var(--jp-ui-font-color1); }
.quiz-fieldset label { display: flex; align-items: baseline; gap: 0.5em; margin: 0.15em 0;
  line-height: 1.5; cursor: pointer; }
.quiz-fieldset input { margin: 0; flex: none; }
.quiz-fieldset input:focus-visible { outline: 2px solid #1565c0; outline-offset: 2px; }
.quiz-fieldset[disabled] label { cursor: default; color: var(--jp-ui-font-color2); }
.quiz-live:empty { display: none; }
.quiz-order select { font-size: var(--jp-widgets-font-size); }
.quiz-order select option { padding: 0.15em 0.4em; }
.quiz-order select option:checked { background: #1565c0 linear-gradient(#1565c0, #1565c0);
  color: #fff; font-weight: bold; }
.quiz-pairs .widget-dropdown { max-width: 48em; }
.quiz-pairs .widget-dropdown > select { flex: 0 1 auto; max-width: 28em; }
.quiz-pairs .widget-dropdown > label { white-space: normal; }
.course-upload-button { display: inline-flex; align-items: center; gap: 0.4em; }
.quiz-confirm { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5em;
  margin: 0.3em 0; padding: 0.3em 0.6em; border-left: 4px solid #b26a00; background: #fff8e1; }
.quiz-confirm[hidden] { display: none; }
"""

_CHOICES_ESM = """
let serial = 0;
function render({ model, el }) {
  const name = `quiz-choice-${++serial}-${Math.random().toString(36).slice(2, 8)}`;
  const fieldset = document.createElement("fieldset");
  fieldset.className = "quiz-fieldset";
  const legend = document.createElement("legend");
  fieldset.append(legend);
  const inputs = () => [...fieldset.querySelectorAll("input")];
  const sync = () => {
    const chosen = new Set(model.get("selected"));
    const off = model.get("disabled");
    fieldset.disabled = off;
    for (const input of inputs()) { input.checked = chosen.has(Number(input.value)); input.disabled = off; }
  };
  const build = () => {
    const multiple = model.get("multiple");
    fieldset.setAttribute("role", multiple ? "group" : "radiogroup");
    fieldset.setAttribute("aria-label", model.get("label"));
    legend.textContent = model.get("legend");
    legend.hidden = !model.get("legend");
    for (const old of fieldset.querySelectorAll("label")) old.remove();
    model.get("labels").forEach((text, i) => {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.type = multiple ? "checkbox" : "radio";
      input.name = name;
      input.value = String(i);
      input.addEventListener("change", () => {
        model.set("selected", inputs().filter((x) => x.checked).map((x) => Number(x.value)));
        model.save_changes();
      });
      const span = document.createElement("span");
      span.textContent = text;
      label.append(input, span);
      fieldset.append(label);
    });
    sync();
  };
  const names = ["labels", "multiple", "label", "legend"];
  for (const n of names) model.on(`change:${n}`, build);
  model.on("change:selected", sync);
  model.on("change:disabled", sync);
  build();
  el.append(fieldset);
  return () => {
    for (const n of names) model.off(`change:${n}`, build);
    model.off("change:selected", sync);
    model.off("change:disabled", sync);
  };
}
export default { render };
"""

_LIVE_ESM = """
function render({ model, el }) {
  const region = document.createElement("div");
  region.className = "quiz-live";
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
  region.setAttribute("aria-atomic", "true");
  const update = () => { region.innerHTML = model.get("value"); };
  model.on("change:value", update);
  update();
  el.append(region);
  // Keys pressed inside a question belong to its controls: JupyterLab's notebook shortcuts
  // (arrows select cells, Enter edits one), which it reads as the keydown bubbles up to the
  // document, would otherwise take the arrows of its options, lists and menus. Ctrl/Alt/Meta
  // combinations (Ctrl+S) and Escape still reach JupyterLab.
  const keep = (event) => {
    if (!event.ctrlKey && !event.altKey && !event.metaKey && event.key !== "Escape") {
      event.stopPropagation();
    }
  };
  let tries = 0;
  let question = null;
  const attach = () => {
    question = el.closest(".quiz-question");
    if (question) question.addEventListener("keydown", keep);
    else if (tries++ < 120) requestAnimationFrame(attach);
  };
  attach();
  return () => {
    model.off("change:value", update);
    if (question) question.removeEventListener("keydown", keep);
  };
}
export default { render };
"""

_UPLOAD_ESM = """
function render({ model, el }) {
  const input = document.createElement("input");
  input.type = "file";
  input.hidden = true;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "jupyter-button widget-button course-upload-button";
  const icon = document.createElement("i");
  icon.className = "fa fa-upload";
  icon.setAttribute("aria-hidden", "true");
  const text = document.createElement("span");
  button.append(icon, text);
  const update = () => {
    input.accept = model.get("accept");
    text.textContent = model.get("description");
    button.title = model.get("tooltip");
    button.disabled = model.get("disabled");
  };
  button.addEventListener("click", () => input.click());
  input.addEventListener("change", async () => {
    const file = input.files[0];
    if (!file) return;
    const data = await file.arrayBuffer();
    model.send({ event: "upload", name: file.name, size: file.size }, undefined, [data]);
    input.value = "";  // the same file can be chosen again
  });
  const names = ["accept", "description", "tooltip", "disabled"];
  for (const n of names) model.on(`change:${n}`, update);
  update();
  el.append(button, input);
  return () => { for (const n of names) model.off(`change:${n}`, update); };
}
export default { render };
"""


_CONFIRM_ESM = """
function keepInPlace(el, ms) {
  // While the kernel's changes arrive, scroll so that `el` stays where it is on the screen.
  const scroller = el.closest(".jp-WindowedPanel-outer, .jp-Notebook") || document.scrollingElement;
  const top = el.getBoundingClientRect().top;
  const fix = () => {
    const moved = el.getBoundingClientRect().top - top;
    if (Math.abs(moved) >= 1) scroller.scrollTop += moved;
  };
  const resized = new ResizeObserver(fix);
  resized.observe(scroller.firstElementChild || scroller);
  const changed = new MutationObserver(fix);
  changed.observe(el.closest(".quiz-session") || scroller, { childList: true, subtree: true, characterData: true });
  setTimeout(() => { resized.disconnect(); changed.disconnect(); }, ms);
}
function button(cls, icon) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = `jupyter-button widget-button ${cls}`;
  const i = document.createElement("i");
  i.className = `fa fa-${icon}`;
  i.setAttribute("aria-hidden", "true");
  const span = document.createElement("span");
  b.append(i, document.createTextNode(" "), span);
  b.label = span;
  return b;
}
function render({ model, el }) {
  const start = button("quiz-reset", "undo");
  const box = document.createElement("div");
  box.className = "quiz-confirm";
  box.hidden = true;
  box.setAttribute("role", "group");
  const question = document.createElement("span");
  question.id = `quiz-confirm-${Math.random().toString(36).slice(2, 10)}`;
  box.setAttribute("aria-labelledby", question.id);
  const yes = button("mod-danger quiz-reset-confirm", "check");
  const no = button("quiz-reset-cancel", "times");
  box.append(question, yes, no);
  const update = () => {
    start.label.textContent = model.get("description");
    start.title = model.get("tooltip");
    start.disabled = model.get("disabled");
    question.textContent = model.get("question");
    yes.label.textContent = model.get("confirm_label");
    no.label.textContent = model.get("cancel_label");
  };
  start.addEventListener("click", () => { box.hidden = false; no.focus(); });
  no.addEventListener("click", () => { box.hidden = true; start.focus(); });
  yes.addEventListener("click", () => {
    box.hidden = true;
    start.focus({ preventScroll: true });
    keepInPlace(start, 3000);
    model.send({ event: "confirm" });
  });
  const names = ["description", "tooltip", "disabled", "question", "confirm_label", "cancel_label"];
  for (const n of names) model.on(`change:${n}`, update);
  update();
  el.append(start, box);
  return () => { for (const n of names) model.off(`change:${n}`, update); };
}
export default { render };
"""


class ChoiceGroup(anywidget.AnyWidget):
    """A named group of radio buttons (``multiple`` False) or checkboxes. ``value`` is the
    chosen option's value, or None (radio), or the list of chosen values (checkboxes).

    ``options``: texts, or (text, value) pairs. ``label``: the group's accessible name (the
    question); ``legend``: the short visible caption above the options (``选项``)."""

    _esm = _CHOICES_ESM
    _css = CSS
    labels = List(Unicode(), help="the options' texts, in the order shown").tag(sync=True)
    selected = List(Int(), help="indices of the chosen options").tag(sync=True)
    multiple = Bool(False, help="checkboxes (several answers) instead of radio buttons").tag(
        sync=True
    )
    label = Unicode("", help="accessible name of the group (the question)").tag(sync=True)
    legend = Unicode("", help="visible caption above the options").tag(sync=True)
    disabled = Bool(False, help="no option can be changed").tag(sync=True)

    def __init__(self, options: list[Any], *, multiple: bool = False, **kwargs: Any) -> None:
        pairs = [o if isinstance(o, tuple) else (o, o) for o in options]
        self._values = [value for _text, value in pairs]
        super().__init__(labels=[text for text, _value in pairs], multiple=multiple, **kwargs)

    @property
    def options(self) -> tuple:
        """The options as given: texts, or (text, value) pairs."""
        return tuple(
            text if text == value else (text, value)
            for text, value in zip(self.labels, self._values, strict=True)
        )

    @property
    def value(self) -> Any:
        chosen = [self._values[i] for i in self.selected if 0 <= i < len(self._values)]
        if self.multiple:
            return chosen
        return chosen[0] if chosen else None

    @value.setter
    def value(self, value: Any) -> None:
        wanted = value if self.multiple else [value]
        if not isinstance(wanted, list):
            wanted = []
        self.selected = [
            i
            for i, v in enumerate(self._values)
            if any(v == w and type(v) is type(w) for w in wanted)
        ]


class LiveRegion(anywidget.AnyWidget):
    """HTML (``value``) shown inside a polite live region that stays in the page."""

    _esm = _LIVE_ESM
    _css = CSS
    value = Unicode("", help="the HTML shown; each change is announced").tag(sync=True)


class UploadButton(anywidget.AnyWidget):
    """A button that opens the file chooser; ``on_upload(callback)`` registers
    ``callback(name, data)``, called with each chosen file's name and bytes."""

    _esm = _UPLOAD_ESM
    _css = CSS
    description = Unicode("", help="the button's text").tag(sync=True)
    tooltip = Unicode("", help="the button's tooltip").tag(sync=True)
    accept = Unicode("", help="file types the chooser offers, e.g. .zip").tag(sync=True)
    disabled = Bool(False).tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._callbacks: list[Callable[[str, bytes], Any]] = []
        self.on_msg(self._received)

    def on_upload(self, callback: Callable[[str, bytes], Any]) -> None:
        self._callbacks.append(callback)

    def _received(self, _widget: Any, content: dict, buffers: list) -> None:
        if not isinstance(content, dict) or content.get("event") != "upload" or not buffers:
            return
        self.deliver(str(content.get("name", "")), bytes(buffers[0]))

    def deliver(self, name: str, data: bytes) -> None:
        """Hand a chosen file to every callback (what a file chosen in the page does)."""
        for callback in self._callbacks:
            callback(name, data)


class ConfirmButton(anywidget.AnyWidget):
    """A button that first shows ``question`` with [``confirm_label``] [``cancel_label``], in the
    page; ``on_confirm(callback)`` registers ``callback()``, called when the learner confirms.
    Cancelling changes nothing and reaches no kernel. Focus goes to 取消 when asked (the safe
    choice) and back to the button afterwards."""

    _esm = _CONFIRM_ESM
    _css = CSS
    description = Unicode("", help="the button's text").tag(sync=True)
    tooltip = Unicode("", help="the button's tooltip").tag(sync=True)
    question = Unicode("", help="what is asked before acting").tag(sync=True)
    confirm_label = Unicode("", help="the text of the button that acts").tag(sync=True)
    cancel_label = Unicode("", help="the text of the button that does nothing").tag(sync=True)
    disabled = Bool(False).tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._callbacks: list[Callable[[], Any]] = []
        self.on_msg(self._received)

    def on_confirm(self, callback: Callable[[], Any]) -> None:
        self._callbacks.append(callback)

    def _received(self, _widget: Any, content: dict, _buffers: list) -> None:
        if isinstance(content, dict) and content.get("event") == "confirm":
            self.confirm()

    def confirm(self) -> None:
        """Act as if the learner confirmed: call every callback."""
        for callback in self._callbacks:
            callback()
