/** @odoo-module **/
// Copyright 2026 Coop IT Easy SC
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

// The shop admin opens the statement of a member from the Customer Wallets
// list, refreshes it in place, prints it and emails it with its PDF. Steps
// select by stable attributes (names of fields and buttons), not by text.
import tour from "web_tour.tour";

tour.register("account_customer_wallet_statement", {test: true}, [
  {
    content: "open the statement of Alice from the Customer Wallets list",
    trigger:
      '.o_data_row:has(.o_data_cell[name="partner_id"]:contains("Alice Martin")) button[name="action_open_statement"]',
  },
  {
    content: "the statement is titled with the member, and offers no New",
    trigger:
      '.o_control_panel:not(:has(.o_form_button_create)) .breadcrumb-item.active:contains("Alice Martin")',
    run: () => null,
  },
  {
    content: "its movements are listed",
    trigger: '.o_field_widget[name="line_ids"] .o_data_row',
    run: () => null,
  },
  {
    content: "refresh",
    trigger: 'button[name="action_refresh"]',
  },
  {
    content: "the refresh stays on the same screen: two breadcrumbs still",
    trigger:
      '.o_control_panel .breadcrumb:not(:has(.breadcrumb-item:nth-child(3))) .breadcrumb-item.active:contains("Alice Martin")',
    run: () => null,
  },
  {
    content: "print",
    trigger: 'button[name="action_print"]',
  },
  {
    content: "send by email",
    trigger: 'button[name="action_send_email"]',
    // wkhtmltopdf printed the statement, and prints it again for the email
    extra_trigger: "body:not(:has(.o_error_dialog)):not(:has(.o_blockUI))",
    timeout: 60000,
  },
  {
    content: "the statement is emailed with its PDF",
    trigger: ".o_notification.border-success",
    timeout: 60000,
    run: () => null,
  },
]);
