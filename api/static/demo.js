/* The demo store page: its Spanish switch, and the widget embed as a store pastes it, with the page's
   ?locale= passed on as data-locale. A file, not an inline script, so the page's CSP allows no inline script. */
(() => {
  const requested = new URLSearchParams(location.search).get("locale");
  const locale = requested && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(requested) ? requested : null;

  if (locale === "es") {
    document.documentElement.lang = "es";
    for (const el of document.querySelectorAll("[data-es]")) el.textContent = el.dataset.es;
    for (const id of ["lang-switch", "lang-switch-note"]) {
      const link = document.getElementById(id);
      link.href = "/demo?locale=en";
      link.lang = "en";
      link.textContent = "Shop in English";
    }
  }

  const script = document.createElement("script");
  script.src = "/widget.js";
  script.async = true;
  script.dataset.brand = "Northpeak";
  script.dataset.color = "#0b6e4f";
  if (locale) script.dataset.locale = locale;
  document.body.append(script);
})();
