// Progressive search: the form is hidden until this runs, and the index (search-index.js,
// a plain script so it loads from file:// too) is fetched on first use.
(function () {
  var form = document.getElementById("search");
  if (!form) return;
  var input = document.getElementById("q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var root = document.documentElement.getAttribute("data-root") || "";
  var loading = false;
  form.hidden = false;
  // Accents, case and the typographic quotes aside: `Iran's` finds `Iran’s`.
  function norm(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u2018\u2019\u201b\u02bc\u2032]/g, "'")
      .replace(/[\u201c\u201d\u201f\u2033]/g, '"').toLowerCase();
  }
  function load(then) {
    if (window.DOSSIER_SEARCH) return then();
    if (loading) return;
    loading = true;
    var s = document.createElement("script");
    s.src = root + "search-index.js";
    s.onload = then;
    s.onerror = function () { status.textContent = "The search index could not be loaded."; };
    document.head.appendChild(s);
  }
  function run() {
    var q = norm(input.value.trim());
    list.textContent = "";
    if (!q) { status.textContent = ""; return; }
    var terms = q.split(/\s+/), hits = [];
    window.DOSSIER_SEARCH.forEach(function (e) {
      var names = [e[2]].concat(e[3]);
      var all = norm(names.join(" \n "));
      if (!terms.every(function (t) { return all.indexOf(t) >= 0; })) return;
      var via = "";
      if (!terms.every(function (t) { return norm(e[2]).indexOf(t) >= 0; })) {
        via = e[3].filter(function (x) {
          return terms.every(function (t) { return norm(x).indexOf(t) >= 0; });
        })[0] || "";
      }
      hits.push([e, via]);
    });
    hits.slice(0, 40).forEach(function (h) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = root + h[0][0];
      a.textContent = h[0][2];
      li.appendChild(a);
      var k = document.createElement("span");
      k.className = "kind";
      k.textContent = " " + h[0][1] + (h[1] && h[1].length < 80 ? " · also “" + h[1] + "”" : "");
      li.appendChild(k);
      list.appendChild(li);
    });
    status.textContent = hits.length + (hits.length === 1 ? " result" : " results") +
      (hits.length > 40 ? " (first 40 shown)" : "");
  }
  input.addEventListener("input", function () { load(run); });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); load(run); });
})();
