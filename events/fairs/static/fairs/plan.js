// "Add to my plan" without leaving the page (progressive enhancement of the plain POST forms in
// fairs/includes/plan_add_button.html): the form is sent with fetch, the answer (JSON) is read out
// in a status region beside the buttons. Any failure falls back to the ordinary form submission.
(() => {
  const forms = document.querySelectorAll("form.plan-add");
  if (!forms.length || !window.fetch || !window.FormData) return;
  const status = document.createElement("p");
  status.className = "plan-status";
  status.setAttribute("role", "status");
  const region = forms[0].closest("section") || document.querySelector("main") || document.body;
  region.prepend(status);

  forms.forEach((form) => {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector("button");
      if (button) button.disabled = true;
      try {
        const response = await fetch(form.action, {
          method: "POST",
          body: new FormData(form),
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        });
        if (!response.ok || !(response.headers.get("Content-Type") || "").startsWith("application/json")) {
          throw new Error(String(response.status));
        }
        const answer = await response.json();
        const link = document.createElement("a");
        link.href = answer.plan_url;
        link.textContent = answer.plan_link_text;
        status.replaceChildren(document.createTextNode(`${answer.message} `), link);
        if (button) button.disabled = false;
      } catch (error) {
        form.submit();
      }
    });
  });
})();
