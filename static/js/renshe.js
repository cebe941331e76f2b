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
  // Submit a filter form when one of its selects changes: <form data-autosubmit>. Forms that htmx
  // already submits on change (hx-get) are left to htmx: a second request could land after the
  // user's next click and undo it.
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    var trigger = form.getAttribute("hx-trigger") || "";
    if (form.hasAttribute("hx-get") && /(^|[\s,])change([\s,]|$)/.test(trigger)) { return; }
    form.querySelectorAll("select").forEach(function (select) {
      select.addEventListener("change", function () { form.requestSubmit(); });
    });
  });
});
