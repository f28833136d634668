/** @odoo-module **/
// Copyright 2026 Coop IT Easy SC
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

// A member submits an improvement request with a description on the portal.
import tour from "web_tour.tour";

// Each step waits for the server: slow on a loaded machine (2 cores shared).
const slow = (steps) => steps.map((step) => Object.assign({timeout: 40000}, step));

tour.register(
  "komunigi_contribution_portal_request",
  {test: true, url: "/my/komunigi/requests/new"},
  slow([
    {
      content: "give the request a title",
      trigger: 'form[action="/my/komunigi/requests/new"] input[name="name"]',
      run: "text Tour: show the wallet on the receipt",
    },
    {
      content: "describe it",
      trigger: 'form[action="/my/komunigi/requests/new"] textarea[name="description"]',
      run: "text The remaining balance under the total.",
    },
    {
      content: "submit it",
      trigger: 'form[action="/my/komunigi/requests/new"] button[type="submit"]',
    },
    {
      content: "the request page shows the description",
      trigger:
        ".o_portal_wrap .card-body:contains('The remaining balance under the total.')",
      run: () => null,
    },
  ])
);
