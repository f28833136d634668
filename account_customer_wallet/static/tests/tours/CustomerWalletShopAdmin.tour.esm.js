/** @odoo-module **/
// Copyright 2026 Coop IT Easy SC
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

import tour from "web_tour.tour";

function check(content, trigger) {
  return {content, trigger, run: () => null};
}

/** Open the partners' list, or the form of the partner named so, as a menu does. */
function openPartners(viewType, name) {
  return {
    content: `open the partners' ${viewType}`,
    trigger: ".o_web_client .o_action_manager",
    run: async () => {
      // eslint-disable-next-line no-undef
      const env = odoo.__WOWL_DEBUG__.root.env;
      const ids = name
        ? await env.services.orm.search("res.partner", [["name", "=", name]])
        : [];
      await env.services.action.doAction({
        type: "ir.actions.act_window",
        res_model: "res.partner",
        res_id: ids[0],
        views: [[false, viewType]],
      });
    },
  };
}

// A wallet manager, in French, tops up a member from the partner form.
tour.register("customer_wallet_top_up_tour", {test: true, url: "/web"}, [
  openPartners("form", "Alice Martin"),
  check(
    "the form shows the wallet balance",
    ".o_form_view button[name=action_customer_wallet_statement]:contains('30,00')"
  ),
  {
    content: "top up the wallet",
    trigger: ".o_form_view button[name=action_customer_wallet_top_up]",
  },
  {
    content: "text is typed as the amount",
    trigger: "div[name=amount] input",
    run: "text abc",
  },
  {
    content: "the journal receiving the money",
    trigger: "div[name=journal_id] input",
    run: "text Bank",
  },
  {
    content: "choose it, once the list is narrowed to it",
    trigger:
      "div[name=journal_id] .o-autocomplete--dropdown-menu:not(:has(.o-autocomplete--dropdown-item:contains('Cash'))) .o-autocomplete--dropdown-item a:contains('Bank')",
  },
  {
    content: "confirm",
    trigger: "button[name=action_confirm]",
  },
  check("the text is refused, not read as 0", "div[name=amount].o_field_invalid"),
  {
    content: "the amount",
    trigger: "div[name=amount] input",
    run: "text 25",
  },
  {
    content: "confirm again",
    trigger: "button[name=action_confirm]",
  },
  check(
    "a confirmation gives the new balance",
    ".o_notification:contains('25,00'):contains('55,00')"
  ),
  check(
    "back on the member's form, showing the new balance",
    "body:not(:has(.modal)) .o_form_view button[name=action_customer_wallet_statement]:contains('55,00')"
  ),
]);

// A wallet user sorts the customers by balance, then finds the wallets below
// their limit.
tour.register("customer_wallet_balance_filter_tour", {test: true, url: "/web"}, [
  openPartners("list"),
  {
    content: "sort by balance",
    trigger: ".o_list_view th[data-name=customer_wallet_balance]",
  },
  check(
    "Carol, overdrawn, comes first",
    ".o_list_view th[data-name=customer_wallet_balance] .fa-angle-up:not(.opacity-0)"
  ),
  check(
    "Carol, overdrawn, comes first",
    ".o_data_row:first-child:contains('Carol Janssens')"
  ),
  {
    content: "sort the other way",
    trigger: ".o_list_view th[data-name=customer_wallet_balance]",
  },
  check(
    "the largest balance first",
    ".o_list_view th[data-name=customer_wallet_balance] .fa-angle-down:not(.opacity-0)"
  ),
  check(
    "the largest balance first",
    ".o_data_row:first-child:contains('Alice Martin'):contains('30.00')"
  ),
  {
    content: "open the filters",
    trigger: ".o_filter_menu button.dropdown-toggle",
  },
  {
    content: "wallets below their limit",
    trigger: ".o_filter_menu .dropdown-item:contains('Wallet Below Limit')",
  },
  check(
    "only Carol's wallet is below its limit",
    ".o_list_view:not(:has(.o_data_row:nth-child(2))) .o_data_row:contains('Carol Janssens')"
  ),
]);
