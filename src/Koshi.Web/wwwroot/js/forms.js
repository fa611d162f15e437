// Guided forms, enhanced: every page works without this file; with it, conditional questions show and hide as they are
// answered, and after a post the focus moves to the error summary or the confirmation so screen readers announce it.
(function () {
  'use strict';

  function matches(control, expected) {
    if (!control) { return false; }
    if (control.type === 'checkbox') { return control.checked === (expected === 'true'); }
    var value = control.value;
    return expected.split('|').indexOf(value) >= 0;
  }

  function refresh(form) {
    form.querySelectorAll('[data-show-when]').forEach(function (part) {
      var rule = part.getAttribute('data-show-when').split('=');
      var control = form.querySelector('[name="' + rule[0] + '"]');
      var show = matches(control, rule[1]);
      part.hidden = !show;
      // A hidden question is not sent, so it can neither block the post nor change the answer.
      part.querySelectorAll('input, select, textarea').forEach(function (input) { input.disabled = !show; });
    });
  }

  document.querySelectorAll('form[data-conditional]').forEach(function (form) {
    refresh(form);
    form.addEventListener('change', function () { refresh(form); });
  });

  var target = document.querySelector('[data-autofocus]');
  if (target) { target.focus(); }
})();
