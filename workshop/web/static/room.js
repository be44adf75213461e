// The room's page: join, then follow the projector. Every text from the server
// goes on screen through textContent, never as HTML.
"use strict";

const QUESTIONS = {
  priority: ["What are the three most important things for the next three months?",
             "Send them one at a time, each with why it matters."],
  objective: ["Suggest a better wording for an objective, or a new one.",
              "Pick the objective you are rewording, or leave it on a new objective."],
  key_result: ["How would we know we got there? Suggest a key result.",
               "Say what is measured, and where it goes: from X to Y."],
  ns: ["Necessary and sufficient?", "Answer each question for yourself; the room sees the answers together."],
  question: ["Which questions are still open?", "One question per suggestion."],
  wait: ["The facilitator will ask for your ideas soon.", "This page follows the projector by itself."],
};

let token = sessionStorage.getItem("room-token") || "";
let state = null;
let version = "";

const $ = (id) => document.getElementById(id);

function say(text, isError) {
  $("message").textContent = text || "";
  $("message").className = isError ? "error" : "";
}

async function call(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: {"Content-Type": "application/json", "X-Room-Token": token},
    body: JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (response.status === 401) { leave(); }
  if (!response.ok) { throw new Error(data.error || "The room could not take that."); }
  return data;
}

function leave() {
  token = "";
  sessionStorage.removeItem("room-token");
  $("who").textContent = "";  // not "You are Ana" over a form that asks to join again
  $("room").hidden = true;
  $("join").hidden = false;
}

$("join-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    const data = await call("/api/join", {code: $("code").value, name: $("name").value});
    token = data.token;
    sessionStorage.setItem("room-token", token);
    say("You are in.");
    version = "";
    follow();
  } catch (error) { say(error.message, true); }
});

$("note-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const body = {text: $("text").value, why: $("why").value, start: $("start").value,
                target: $("end").value};
  const picked = $("pick").value;
  if (picked) { body.target_id = Number(picked); }
  try {
    await call("/api/note", body);
    for (const id of ["text", "why", "start", "end"]) { $(id).value = ""; }
    $("count").textContent = "";
    say("Sent. Only you can see it until the facilitator reveals everyone's.");
    refresh();
  } catch (error) { say(error.message, true); }
});

$("finish").addEventListener("click", async () => {
  try {
    await call("/api/finish", {finished: !(state && state.finished)});
    refresh();
  } catch (error) { say(error.message, true); }
});

$("text").addEventListener("input", () => {
  const left = (state ? state.max_note_chars : 1000) - $("text").value.length;
  $("count").textContent = left + " characters left";
});

function item(note, extra) {
  const li = document.createElement("li");
  const text = document.createElement("span");
  let line = note.text;
  if (note.start || note.target) { line += " (from " + (note.start || "?") + " to " + (note.target || "?") + ")"; }
  text.textContent = line;
  li.appendChild(text);
  const meta = document.createElement("span");
  meta.className = "meta";
  let about = note.why ? "Why: " + note.why : "";
  if (note.author !== undefined && extra) { about += (about ? " · " : "") + (note.author || "anonymous"); }
  if (note.promoted_to) { about += (about ? " · " : "") + "taken into the draft"; }
  meta.textContent = about;
  if (about) { li.appendChild(meta); }
  return li;
}

function voteButton(label, note, delta, enabled) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "small";
  button.textContent = label;
  button.disabled = !enabled;
  button.setAttribute("aria-label", (delta > 0 ? "Add a dot to " : "Take a dot from ") + note.text);
  button.addEventListener("click", async () => {
    try { await call("/api/vote", {note: note.no, delta: delta}); refresh(); }
    catch (error) { say(error.message, true); }
  });
  return button;
}

let shown = "";
function render() {
  const s = state;
  const kind = s.activity.kind;
  // A new question or a reveal: the last message was about what came before.
  const now = kind + ":" + s.activity.target_id + ":" + s.revealed;
  if (shown && now !== shown) { say(""); }
  shown = now;
  $("join").hidden = true;
  $("room").hidden = false;
  $("who").textContent = s.you ? "You are " + s.you : "You are anonymous";
  const [question, explain] = QUESTIONS[kind] || QUESTIONS.wait;
  $("question").textContent = question;
  let hint = explain;
  if (kind === "objective" && !(s.activity.options || []).length) {
    hint = "There is no objective on the projector yet: suggest the first ones.";
  }
  if (s.revealed) {
    hint = kind === "ns"
      ? "The room's answers are up. Where the room is split, talk it over."
      : "Everyone's suggestions are up. Put your dots on the ones that matter most.";
  }
  $("explain").textContent = hint;
  $("target").textContent = s.activity.target_text ? s.activity.target_text : "";
  $("target").hidden = !s.activity.target_text;

  const writing = ["priority", "objective", "key_result", "question"].includes(kind);
  $("note-form").hidden = !writing || s.revealed;
  $("why-box").hidden = kind !== "priority";
  $("range-box").hidden = kind !== "key_result";
  $("text-label").textContent = kind === "question" ? "Your question" : "Your suggestion";
  $("finish").textContent = s.finished ? "I want to write more" : "I have finished writing";

  const pick = $("pick");
  const options = s.activity.options || [];
  pick.hidden = $("pick-label").hidden = kind !== "objective" || options.length === 0;
  const keep = pick.value;
  pick.replaceChildren();
  const fresh = document.createElement("option");
  fresh.value = "";
  fresh.textContent = "A new objective";
  pick.appendChild(fresh);
  for (const option of options) {
    const element = document.createElement("option");
    element.value = String(option.id);
    element.textContent = "A new wording of: " + option.text;
    pick.appendChild(element);
  }
  pick.value = options.some((o) => String(o.id) === keep) ? keep : "";

  $("mine-box").hidden = !writing || s.revealed || s.mine.length === 0;
  $("mine").replaceChildren(...s.mine.map((n) => item(n, false)));

  $("board-box").hidden = !(writing && s.revealed);
  $("dots").textContent = "You have " + s.dots_left + " of " + s.dots_per_person +
    " dots left, at most " + s.max_dots_per_item + " on one suggestion.";
  $("board").replaceChildren(...s.board.map((note) => {
    const li = item(note, true);
    for (const merged of note.merged) {
      const same = document.createElement("span");
      same.className = "meta";
      same.textContent = "Same idea: " + merged.text;
      li.appendChild(same);
    }
    const votes = document.createElement("div");
    votes.className = "votes";
    const tally = document.createElement("span");
    tally.className = "tally";
    tally.textContent = note.dots + (note.dots === 1 ? " dot" : " dots") + " · yours: " + note.my_dots;
    votes.append(tally,
      voteButton("−", note, -1, note.my_dots > 0),
      voteButton("+", note, 1, s.dots_left > 0 && note.my_dots < s.max_dots_per_item));
    li.appendChild(votes);
    return li;
  }));

  renderNS(s, kind);
}

function renderNS(s, kind) {
  const box = $("ns");
  box.hidden = kind !== "ns";
  if (kind !== "ns") { box.replaceChildren(); return; }
  const tally = s.ns_tally || [];
  box.replaceChildren(...s.activity.questions.map((question, index) => {
    const div = document.createElement("div");
    div.className = "question";
    const text = document.createElement("p");
    text.textContent = question;
    div.appendChild(text);
    if (s.revealed) {
      const result = document.createElement("p");
      const t = tally[index] || {yes: 0, no: 0, split: false};
      result.textContent = t.yes + " yes · " + t.no + " no" + (t.split ? " · the room is split" : "");
      if (t.split) { result.className = "split"; }
      div.appendChild(result);
      return div;
    }
    const mine = s.answers ? s.answers[String(index)] : undefined;
    for (const [label, yes] of [["Yes", true], ["No", false]]) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = label;
      if (!yes) { button.className = "no"; }
      button.setAttribute("aria-pressed", String(mine === yes));
      button.addEventListener("click", async () => {
        try { await call("/api/answer", {question: index, yes: yes}); refresh(); }
        catch (error) { say(error.message, true); }
      });
      div.appendChild(button);
    }
    return div;
  }));
}

async function fetchState(wait) {
  const query = wait && version !== "" ? "?since=" + version : "";
  const response = await fetch("/api/state" + query, {headers: {"X-Room-Token": token}});
  const data = await response.json().catch(() => ({}));
  if (response.status === 401) { leave(); say(data.error || "Please join again.", true); return false; }
  if (!response.ok) { throw new Error(data.error || "The room did not answer."); }
  state = data;
  version = String(data.version);
  render();
  return true;
}

async function refresh() {
  try { await fetchState(false); } catch (error) { say(error.message, true); }
}

let following = false;
async function follow() {
  if (following) { return; }
  following = true;
  while (token) {
    try {
      if (!(await fetchState(true))) { break; }
      if ($("message").className === "error" && $("message").dataset.lost) { say(""); }
    } catch (error) {
      say("Lost contact with the room. Trying again…", true);
      $("message").dataset.lost = "1";
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
  following = false;
}

if (token) { follow(); }
