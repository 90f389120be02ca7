// The library's search form: empty fields say nothing, so they stay out of the request and of the address bar,
// which then reads like the view it shows ("?q=wet&room=car") when bookmarked or shared.
document.addEventListener("htmx:configRequest", function (event) {
  if (!event.detail.elt.matches("[data-library-search]")) return;
  var formData = event.detail.formData;
  Array.from(formData.keys()).forEach(function (name) {
    if (formData.getAll(name).every(function (value) { return value === ""; })) formData.delete(name);
  });
});
