/** @odoo-module **/
// Copyright 2026 Coop IT Easy SC
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

// A member reads the wallet on the portal, in French, while the session of the
// till is still open: the home card shows the balance, /my/wallet the
// purchase as its own row, at the till, with its receipt number. Steps select
// by stable classes and attributes, not by text, so that the tour runs in any
// language.
import tour from "web_tour.tour";

tour.register("pos_customer_wallet_portal", {test: true, url: "/my"}, [
  {
    content: "the home card shows the balance, with a decimal comma (French)",
    trigger: '[data-placeholder_count="wallet_balance"]:contains("73,50")',
    run: () => null,
  },
  {
    content: "open the wallet",
    trigger: 'a[href="/my/wallet"]',
  },
  {
    content: "the purchase is its own row, at the till",
    trigger:
      'tr.o_wallet_movement:has(.o_wallet_status[data-kind="order"][data-pending="1"]) .o_wallet_reference:contains("Order 00301-001-0001")',
    run: () => null,
  },
  {
    content: "its running balance is the balance",
    trigger: 'tr.o_wallet_movement:first .o_wallet_running:contains("73,50")',
    run: () => null,
  },
  {
    content: "the headline shows the same balance",
    trigger: '#wallet_balance .o_wallet_balance:contains("73,50")',
    run: () => null,
  },
]);
