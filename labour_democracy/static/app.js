// labour-democracy: the page behaviours that were inline attributes. The Content-Security-Policy
// allows scripts from this site only, so no onclick= or hx-on= attribute would run.
"use strict";

// <button data-print>: print the page (the public-page poster).
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("[data-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});

// <form data-reset-after-request>: after each htmx request, empty the form and put the cursor
// back in its first field (a check-in desk scanning one invitation after another).
document.addEventListener("htmx:afterRequest", function (event) {
  var form = event.target.closest && event.target.closest("form[data-reset-after-request]");
  if (!form) {
    return;
  }
  form.reset();
  var first = form.querySelector("input:not([type=hidden]), textarea, select");
  if (first) {
    first.focus();
  }
});
