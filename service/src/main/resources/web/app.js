// The web view: the Thai/English toggle switches a class on <body> (app.css hides the other language); print.
(function () {
  var body = document.body;
  var toggle = document.getElementById('lang-toggle');
  if (toggle) {
    toggle.addEventListener('click', function () {
      var english = body.classList.contains('lang-th');
      body.classList.toggle('lang-th', !english);
      body.classList.toggle('lang-en', english);
      document.documentElement.lang = english ? 'en' : 'th';
    });
  }
  var print = document.getElementById('print');
  if (print) {
    print.addEventListener('click', function () { window.print(); });
  }
})();

// Impact analysis: while the job runs, poll its progress and show it; when it ends, reload to show the result.
(function () {
  var job = document.getElementById('impact-job');
  if (!job || !window.fetch) {
    return;
  }
  var url = job.getAttribute('data-poll');
  var bar = document.getElementById('impact-progress');
  function show(name, value) {
    var spans = job.querySelectorAll('.' + name);
    for (var i = 0; i < spans.length; i++) {
      spans[i].textContent = value;
    }
  }
  function poll() {
    fetch(url, { credentials: 'same-origin', cache: 'no-store' }).then(function (r) {
      if (!r.ok) {
        throw new Error('status ' + r.status);
      }
      return r.json();
    }).then(function (p) {
      bar.max = Math.max(p.total, 1);
      bar.value = p.done;
      show('n-done', p.done);
      show('n-total', p.total);
      if (p.state === 'DONE' || p.state === 'FAILED') {
        window.location.reload();
      } else {
        setTimeout(poll, 500);
      }
    }).catch(function () {
      setTimeout(function () { window.location.reload(); }, 2000);
    });
  }
  setTimeout(poll, 300);
})();
