// Behaviour shared by every page. No inline scripts: the content security policy forbids them.
document.addEventListener("DOMContentLoaded", function () {
  // Confirm dangerous buttons: <button data-confirm="...">.
  document.body.addEventListener("click", function (event) {
    var target = event.target.closest("[data-confirm]");
    if (target && !window.confirm(target.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
  // Submit a filter form when one of its selects changes: <form data-autosubmit>.
  document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.requestSubmit(); });
  });
});
