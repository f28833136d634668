/** @odoo-module **/
// Copyright 2026 Coop IT Easy SC
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

// The coordinator invoices the two co-funders of a funded request from its
// form; the list of the new invoices shows their customers and dates.
import tour from "web_tour.tour";

// Each step waits for the server: slow on a loaded machine (2 cores shared).
const slow = (steps) => steps.map((step) => Object.assign({timeout: 40000}, step));

tour.register(
  "komunigi_contribution_invoice_cofunders",
  {test: true},
  slow([
    {
      content: "invoice the co-funders",
      trigger: 'button[name="action_komunigi_invoice_shares"]',
    },
    {
      content: "create the invoices",
      trigger: 'button[name="action_invoice"]',
    },
    {
      content: "two invoices, each with its customer and date",
      trigger:
        ".o_list_view .o_data_row:nth-child(2) td[name='invoice_partner_display_name']",
      extra_trigger:
        ".o_list_view:not(:has(.o_data_row:nth-child(3))) .o_data_row td[name='invoice_date']",
      run: () => null,
    },
  ])
);
