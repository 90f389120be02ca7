// The library's search form: empty fields say nothing, so they stay out of the request and of the address bar,
// which then reads like the view it shows ("?q=wet&room=car") when bookmarked or shared.
document.addEventListener("htmx:configRequest", function (event) {
  if (!event.detail.elt.matches("[data-library-search]")) return;
  var formData = event.detail.formData;
  Array.from(formData.keys()).forEach(function (name) {
    if (formData.getAll(name).every(function (value) { return value === ""; })) formData.delete(name);
  });
});

// Escape in the inline rename form cancels it, as its Cancel link does. The request is made here rather than by
// clicking the link: a form swapped in a moment ago may not have had its link processed by htmx yet.
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") return;
  var form = event.target.closest && event.target.closest(".rename-inline");
  if (!form) return;
  var cancel = form.querySelector("[data-rename-cancel]");
  if (cancel) htmx.ajax("GET", cancel.getAttribute("hx-get"), { target: form, swap: "outerHTML" });
});

// "All on this page" ticks or clears every row's box (the rows' boxes belong to the selection form by its id).
document.addEventListener("change", function (event) {
  if (!event.target.matches("[data-select-all]")) return;
  document.querySelectorAll('input[name="sounds"][form="bulk"]').forEach(function (box) {
    box.checked = event.target.checked;
  });
});
