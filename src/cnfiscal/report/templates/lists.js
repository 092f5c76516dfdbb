/* The overview's findings and documents lists: filtered and paginated in the page itself (no server, nothing
   fetched). Rows come from the JSON in #report-data; text is set with textContent, never parsed as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var docs = data.docs, findings = data.findings, size = data.page_size;
  var keys = ["office", "year", "kind", "rule", "severity", "decision"];
  var state = {};
  var lists = {
    findings: { rows: findings, page: 0, cells: findingCells },
    documents: { rows: docs, page: 0, cells: documentCells }
  };

  function value(f, key) {
    var d = docs[f.d];
    if (key === "office") return d.o;
    if (key === "year") return d.y;
    if (key === "kind") return d.k;
    if (key === "rule") return f.r;
    if (key === "severity") return f.s;
    return f.dc || "none";
  }
  function docValue(d, key) { return key === "office" ? d.o : key === "year" ? d.y : d.k; }

  function fill(key) {
    var select = document.getElementById("filter-" + key);
    var seen = {};
    var source = (key === "office" || key === "year" || key === "kind") ? docs : findings;
    source.forEach(function (row) {
      var v = source === docs ? docValue(row, key) : value(row, key);
      seen[v] = true;
    });
    Object.keys(seen).sort().forEach(function (v) {
      var option = document.createElement("option");
      option.value = v;
      option.textContent = (data.labels[key] && data.labels[key][v]) || v || "—";
      select.appendChild(option);
    });
    select.addEventListener("change", function () { state[key] = select.value; apply(); });
  }

  function matches(f) {
    for (var i = 0; i < keys.length; i++) {
      var k = keys[i];
      if (state[k] && String(value(f, k)) !== state[k]) return false;
    }
    return true;
  }
  function docMatches(d) {
    return ["office", "year", "kind"].every(function (k) { return !state[k] || String(docValue(d, k)) === state[k]; });
  }

  function apply() {
    lists.findings.rows = findings.filter(matches);
    var byFinding = state.rule || state.severity || state.decision;
    var hit = {};
    lists.findings.rows.forEach(function (f) { hit[f.d] = true; });
    lists.documents.rows = docs.filter(function (d, i) { return docMatches(d) && (!byFinding || hit[i]); });
    lists.findings.page = lists.documents.page = 0;
    show("findings");
    show("documents");
  }

  function td(text, cls) {
    var cell = document.createElement("td");
    cell.textContent = text === null || text === undefined ? "" : String(text);
    if (cls) cell.className = cls;
    return cell;
  }
  function link(text, href) {
    var cell = document.createElement("td"), a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    cell.appendChild(a);
    return cell;
  }
  function findingCells(f) {
    var d = docs[f.d];
    var sev = td(data.labels.severity[f.s] || f.s, "sev-" + f.s);
    var dec = td(f.dc ? data.labels.decision[f.dc] : "", f.dc ? "dec-" + f.dc : "");
    if (f.dn) dec.title = f.dn;
    return [link(d.n, f.h), sev, td(f.r), td(f.m), td(f.st, "num"), td(f.rc, "num"), td(f.p, "num"), dec];
  }
  function documentCells(d) {
    return [link(d.n, d.h), td(d.k), td(d.o), td(d.y, "num"), td(d.s), td(d.se, "num"), td(d.t, "num"),
            td(d.e, "num"), td(d.w, "num"), td(d.i, "num")];
  }

  function show(name) {
    var list = lists[name];
    var body = document.getElementById(name + "-body");
    var pages = Math.max(1, Math.ceil(list.rows.length / size));
    list.page = Math.min(list.page, pages - 1);
    var fragment = document.createDocumentFragment();
    list.rows.slice(list.page * size, (list.page + 1) * size).forEach(function (row) {
      var tr = document.createElement("tr");
      list.cells(row).forEach(function (c) { tr.appendChild(c); });
      fragment.appendChild(tr);
    });
    body.replaceChildren(fragment);
    document.getElementById(name + "-count").textContent = String(list.rows.length);
    pager(name, pages);
  }

  function pager(name, pages) {
    var list = lists[name], box = document.getElementById(name + "-pager");
    box.replaceChildren();
    function button(label, page, disabled) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = label;
      b.disabled = disabled;
      b.className = "page-" + (label === "‹" ? "prev" : "next");
      b.addEventListener("click", function () { list.page = page; show(name); });
      box.appendChild(b);
    }
    button("‹", list.page - 1, list.page === 0);
    var where = document.createElement("span");
    where.className = "page-of";
    where.textContent = " 第 " + (list.page + 1) + " / " + pages + " 页 page ";
    box.appendChild(where);
    button("›", list.page + 1, list.page >= pages - 1);
  }

  keys.forEach(fill);
  document.getElementById("filter-reset").addEventListener("click", function () {
    keys.forEach(function (k) { state[k] = ""; document.getElementById("filter-" + k).value = ""; });
    apply();
  });
  apply();
  document.body.setAttribute("data-lists-ready", "1");
})();
