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
