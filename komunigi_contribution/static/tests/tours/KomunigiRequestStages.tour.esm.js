/** @odoo-module **/
// Copyright 2026 Coop IT Easy SC
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

// The coordinator moves an improvement request through its stages from the
// form: a skipped stage and an estimate without hours are refused with the
// reason, the form staying on the stage it had. Steps select by stable
// attributes: the stage ids come in the page's query string (the test passes
// them), so the tour runs in any language.
import tour from "web_tour.tour";

// Each step waits for the server: slow on a loaded machine (2 cores shared).
const slow = (steps) => steps.map((step) => Object.assign({timeout: 40000}, step));

const params = new URLSearchParams(window.location.search);
const stage = (state) =>
  `.o_statusbar_status button[data-value="${params.get("komunigi_" + state)}"]`;
const current = (state) => `${stage(state)}.o_arrow_button_current`;
const noInvoiceButton =
  '.o_form_view:not(:has(button[name="action_komunigi_invoice_shares"]))';

function refused(state, back) {
  return [
    {
      content: `try to move to ${state}`,
      trigger: `${stage(state)}:not(.o_arrow_button_current)`,
    },
    {
      content: "the reason is shown",
      trigger: ".modal-footer .btn-primary",
    },
    {
      content: `the form stays on ${back}`,
      trigger: current(back),
      extra_trigger: `body:not(:has(.modal)) ${noInvoiceButton}`,
      run: () => null,
    },
  ];
}

function moved(state) {
  return [
    {
      content: `move to ${state}`,
      trigger: `${stage(state)}:not(.o_arrow_button_current)`,
    },
    {
      content: `the request is ${state}`,
      trigger: current(state),
      extra_trigger: ".o_form_view .o_form_saved",
      run: () => null,
    },
  ];
}

tour.register(
  "komunigi_contribution_request_stages",
  {test: true},
  slow([
    {
      content: "the request is collected",
      trigger: current("collected"),
      run: () => null,
    },
    ...refused("specified", "collected"),
    ...moved("clarified"),
    ...moved("specified"),
    ...moved("prioritised"),
    ...refused("estimated", "prioritised"),
    {
      content: "open the request tab",
      trigger: '.o_notebook a.nav-link[name="komunigi_request"]',
    },
    {
      content: "estimate the hours",
      trigger: 'div[name="komunigi_estimate_hours"] input',
      run: "text 12:00",
    },
    ...moved("estimated"),
  ])
);
