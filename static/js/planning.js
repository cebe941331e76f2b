// Plan register (renshe/planning): the value entry form reloads with the chosen indicator, so the
// form shows that indicator's unit, target and accepted range.
document.addEventListener("DOMContentLoaded", () => {
  const select = document.querySelector("[data-planning-indicator]");
  if (!select) return;
  select.addEventListener("change", () => {
    if (document.querySelector("form[data-testid=entry-form] .is-invalid")) return;
    const url = new URL(window.location.href);
    url.searchParams.set("indicator", select.value);
    window.location.assign(url.toString());
  });
});
