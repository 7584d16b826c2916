"""The teacher's page: plain HTML and a little JavaScript, served by the class server.

Every text from the class (team names, moves) is put on the page with ``textContent``,
never as HTML, so a team name cannot run script on the teacher's page.
"""

from __future__ import annotations

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 1.5em; color: #1b1b1b; background: #fafafa; }
h1 { font-size: 1.4em; margin: 0 0 .3em; }
.bar { display: flex; gap: .6em; align-items: center; flex-wrap: wrap; margin: .6em 0; }
button { font-size: 1em; padding: .35em .9em; }
#tables { display: grid; grid-template-columns: repeat(auto-fill, minmax(19em, 1fr));
          gap: .8em; margin-top: 1em; }
.table { background: #fff; border: 1px solid #bbb; border-radius: 6px; padding: .7em; }
.table h2 { font-size: 1.05em; margin: 0 0 .3em; }
.off { color: #a00; }
.meter { display: flex; justify-content: space-between; font-size: .9em; }
.outcome { font-weight: bold; margin-top: .3em; }
.small { font-size: .9em; color: #444; }
"""

LOGIN_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Parley: the teacher's page</title>
<style>""" + _STYLE + """</style></head><body>
<h1>Parley: the teacher's page</h1>
<p id="wrong" hidden class="off">That password is not right.</p>
<form method="post" action="/teacher/login">
<label>Teacher password (printed when the server started):
<input type="password" name="password" id="password" autofocus></label>
<button type="submit" id="login">Open</button>
</form>
<script>
if (location.search.indexOf("wrong") >= 0) document.getElementById("wrong").hidden = false;
</script>
</body></html>
"""

TEACHER_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Parley: the class</title>
<style>""" + _STYLE + """</style></head><body>
<h1>Parley: the class</h1>
<div class="small">Students join with <code id="join"></code></div>
<div class="bar">
  <span>Class: <strong id="status">...</strong></span>
  <button id="start">Start all tables</button>
  <button id="pause">Pause all tables</button>
</div>
<form class="bar" id="message-form">
  <input id="message" maxlength="500" size="50" placeholder="A message to every table">
  <button type="submit" id="send">Send</button>
  <span id="sent" class="small"></span>
</form>
<div class="bar small">
  Downloads: <a id="csv" href="/teacher/report.csv">class report (CSV)</a>
  <a id="html" href="/teacher/report.html">class report (page)</a>
  <a id="zip" href="/teacher/transcripts.zip">every transcript (zip)</a>
</div>
<div id="scenario" class="small"></div>
<div class="small">Rules of the day, the same at every table: <span id="rules"></span></div>
<div id="tables"></div>
<p id="lost" class="off" hidden>The page lost the server: retrying...</p>
<script>
"use strict";
function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}
function post(path, body) {
  return fetch(path, {method: "POST", headers: {"X-Parley": "teacher",
    "Content-Type": "application/json"}, body: JSON.stringify(body || {})})
    .then(r => r.json());
}
function draw(data) {
  document.getElementById("status").textContent = data.status;
  document.getElementById("join").textContent =
    "python main.py join " + data.address + " --code " + data.code + " --team NAME";
  document.getElementById("scenario").textContent = data.scenario + ": " +
    data.tables.length + " table(s)";
  document.getElementById("rules").textContent = data.rules;
  const box = document.getElementById("tables");
  box.replaceChildren();
  for (const t of data.tables) {
    const card = el("div", undefined, "table");
    card.id = "table-" + t.id;
    card.appendChild(el("h2", "Table " + t.id + (t.computer ? " (against the computer)" : "")));
    for (const side of Object.keys(t.teams)) {
      const team = t.teams[side];
      // Once the game is over a team that has left is no alarm.
      const gone = !team.connected && !t.finished;
      card.appendChild(el("div", team.team + ": " + team.side +
        (gone ? " (not connected)" : ""), gone ? "off" : ""));
    }
    card.appendChild(el("div", t.round, "small"));
    if (t.to_move && !t.finished) card.appendChild(el("div", "To move: " + t.to_move, "small"));
    for (const m of t.meters) {
      const row = el("div", undefined, "meter");
      row.appendChild(el("span", m.name));
      row.appendChild(el("span", String(Math.round(m.value))));
      card.appendChild(row);
    }
    if (t.last_move) card.appendChild(el("div", "Last move: " + t.last_move, "small"));
    if (t.outcome) card.appendChild(el("div", t.outcome, "outcome"));
    for (const r of t.results || []) {
      card.appendChild(el("div", r.side + (r.team ? " (" + r.team + ")" : "") + ": " +
        r.points + " points against a fallback of " + r.fallback + "; " +
        (r.people ? "mark " : "its own mark ") + r.mark + " out of 100", "small"));
    }
    box.appendChild(card);
  }
}
function refresh() {
  fetch("/teacher/api/state").then(r => {
    if (r.status === 401) { location.reload(); throw new Error("logged out"); }
    return r.json();
  }).then(data => {
    document.getElementById("lost").hidden = true;
    draw(data);
  }).catch(() => { document.getElementById("lost").hidden = false; });
}
document.getElementById("start").onclick = () => post("/teacher/api/start").then(refresh);
document.getElementById("pause").onclick = () => post("/teacher/api/pause").then(refresh);
document.getElementById("message-form").onsubmit = (event) => {
  event.preventDefault();
  const box = document.getElementById("message");
  post("/teacher/api/message", {text: box.value}).then(answer => {
    document.getElementById("sent").textContent =
      answer.error ? answer.error : "Sent: " + answer.sent;
    if (!answer.error) box.value = "";
  });
};
refresh();
setInterval(refresh, 1000);
</script>
</body></html>
"""
