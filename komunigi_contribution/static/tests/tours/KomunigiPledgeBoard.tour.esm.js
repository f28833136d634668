/** @odoo-module **/
// Copyright 2026 Coop IT Easy SC
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

// A member organisation's portal delegate pledges half of a request looking
// for co-funders on the pledge board; the pledge funds it. Steps select the
// request by its id (the data-request-id attribute), so the tour runs in any
// language; the test passes the id in the query string.
import tour from "web_tour.tour";

// Each step waits for the server: slow on a loaded machine (2 cores shared).
const slow = (steps) => steps.map((step) => Object.assign({timeout: 40000}, step));

// After the pledge, the board comes back with the request as "pledged".
const params = new URLSearchParams(window.location.search);
const requestId = params.get("request") || params.get("pledged");
const card = `.o_komunigi_board_request[data-request-id="${requestId}"]`;

tour.register(
  "komunigi_contribution_pledge_board",
  {test: true},
  slow([
    {
      content: "the request is half funded, with its co-funder",
      trigger: `${card} .o_komunigi_funded_percent:contains("50.0")`,
      extra_trigger: `${card} .o_komunigi_cofunders li`,
      run: () => null,
    },
    {
      content: "pledge 50 %",
      trigger: `${card} form.o_komunigi_pledge_form input[name="quantity"]`,
      run: "text 50",
    },
    {
      content: "send the pledge",
      trigger: `${card} form.o_komunigi_pledge_form button[type="submit"]`,
    },
    {
      content: "the pledge is recorded and the request funded at 100 %",
      trigger: ".o_komunigi_pledged",
      extra_trigger: `${card} .o_komunigi_funded_percent:contains("100.0")`,
      run: () => null,
    },
  ])
);
