/** @odoo-module **/
// Copyright 2026 Coop IT Easy SC
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

import {getSteps, startSteps} from "point_of_sale.tour.utils";
import {PaymentScreen} from "point_of_sale.tour.PaymentScreenTourMethods";
import {ProductScreen} from "point_of_sale.tour.ProductScreenTourMethods";
import {ReceiptScreen} from "point_of_sale.tour.ReceiptScreenTourMethods";
import Tour from "web_tour.tour";

function check(content, trigger) {
  return [{content, trigger, run: () => null}];
}

/**
 * Cut or give back the till's network: its requests go to a port where
 * nothing listens, so each fails as a lost connection does.
 */
function network(online) {
  return [
    {
      content: online ? "the network comes back" : "the network is cut",
      trigger: ".pos",
      run: () => {
        if (!window.customerWalletOnlineOpen) {
          window.customerWalletOnlineOpen = XMLHttpRequest.prototype.open;
        }
        const open = window.customerWalletOnlineOpen;
        XMLHttpRequest.prototype.open = online
          ? open
          : function (method, url, ...rest) {
              return open.call(this, method, "http://127.0.0.1:9/offline", ...rest);
            };
      },
    },
  ];
}

async function callKw(model, method, args) {
  const response = await fetch(`/web/dataset/call_kw/${model}/${method}`, {
    method: "POST",
    headers: {"Content-Type": "application/json"},
    body: JSON.stringify({
      jsonrpc: "2.0",
      method: "call",
      params: {model, method, args, kwargs: {}},
    }),
  });
  const data = await response.json();
  if (data.error) {
    throw new Error(data.error.data.message);
  }
  return data.result;
}

/** Another till, online, takes money from the wallet meanwhile. */
function otherTillSpends(partnerName, amount) {
  return [
    {
      content: `another till takes ${amount} from the wallet of ${partnerName}`,
      trigger: ".pos",
      run: async () => {
        const pos = window.posmodel;
        const [session] = await callKw("pos.session", "search_read", [
          [
            ["config_id.name", "=", "Other Till"],
            ["state", "=", "opened"],
          ],
          ["id"],
        ]);
        const partner = pos.db.search_partner(partnerName)[0];
        const result = await callKw("pos.session", "check_customer_wallet_debit", [
          [session.id],
          partner.id,
          amount,
          pos.customerWalletPaymentMethods[0].id,
          "Order 09999-001-0001",
          0,
        ]);
        if (result.allowed) {
          document.body.classList.add("o_customer_wallet_other_till");
        }
      },
    },
    ...check(
      "the other till's payment is allowed",
      "body.o_customer_wallet_other_till"
    ),
  ];
}

function setCustomer(name) {
  ProductScreen.do.clickPartnerButton();
  ProductScreen.do.clickCustomer(name);
  ProductScreen.check.isShown();
}

startSteps();
ProductScreen.do.confirmOpeningPopup();
ProductScreen.do.clickHomeCategory();
getSteps().push(...network(false));

// 1. Offline, within the last known balance (20.00): accepted, an estimate.
ProductScreen.exec.addOrderline("Wallet Apples", "1");
setCustomer("Member Two");
ProductScreen.do.clickPayButton();
PaymentScreen.do.clickPaymentMethod("Wallet");
getSteps().push(
  ...check(
    "the panel says the balance is the last known one",
    ".customer-wallet-info .customer-wallet-estimate"
  ),
  ...check(
    "20.00 known, 10.00 after the order",
    ".customer-wallet-info:has(.customer-wallet-balance:contains('20.00')):has(.customer-wallet-projected:contains('10.00'))"
  ),
  ...check(
    "within the limit: not in red",
    ".customer-wallet-info:not(:has(.customer-wallet-beyond-limit))"
  )
);
PaymentScreen.do.clickValidate();
getSteps().push(
  ...check(
    "the till says the order is not synced",
    ".popup-error:contains('Order is not synced')"
  ),
  {
    content: "the cashier knows the till is offline",
    trigger: ".popup-error .button.dont-show-again",
  }
);
ReceiptScreen.check.isShown();
getSteps().push(
  ...check(
    "the receipt names the member on the wallet line",
    ".pos-receipt .pos-receipt-customer-wallet:contains('Member Two'):contains('10.00')"
  ),
  ...check(
    "the receipt says the balance is an estimate",
    ".pos-receipt .pos-receipt-customer-wallet-estimate"
  )
);
ReceiptScreen.do.clickNextOrder();
ProductScreen.check.isShown();

// Meanwhile another till, online, spends 8.00 of the same wallet.
getSteps().push(...otherTillSpends("Member Two", 8));

// 2. Beyond what the till knows is left (10.00): in red, and why, before
// Validate; paid 10.00 from the wallet and the rest in cash.
ProductScreen.exec.addOrderline("Wallet Apples", "2");
setCustomer("Member Two");
ProductScreen.do.clickPayButton();
PaymentScreen.do.clickPaymentMethod("Wallet");
getSteps().push(
  ...check(
    "the balance after the order is in red",
    ".customer-wallet-beyond-limit .customer-wallet-projected:contains('-10.00')"
  ),
  ...check(
    "the panel says what the wallet can still pay",
    ".customer-wallet-limit-warning:contains('0.00'):contains('10.00')"
  )
);
PaymentScreen.do.pressNumpad("1 0");
PaymentScreen.do.clickPaymentMethod("Cash");
getSteps().push(
  ...check(
    "10.00 from the wallet leaves 0.00, not in red",
    ".customer-wallet-info:not(:has(.customer-wallet-beyond-limit)) .customer-wallet-projected:contains('0.00')"
  )
);
PaymentScreen.do.clickValidate();
ReceiptScreen.check.isShown();
getSteps().push(
  ...check("both orders wait for the network", ".pos .oe_status .js_disconnected")
);

// 3. Back online: the orders reach the server once.
getSteps().push(
  ...network(true),
  {
    content: "synchronise the orders",
    trigger: ".pos .oe_status:has(.js_disconnected)",
  },
  {
    content: "the orders reach the server (a busy test server takes time)",
    trigger: ".pos .oe_status:has(.js_connected, .js_error)",
    timeout: 30000,
    run: () => null,
  },
  ...check("the till is connected again", ".pos .oe_status .js_connected"),
  ...check(
    "no order waits any more",
    ".pos .oe_status:has(.js_connected):not(:has(.js_msg))"
  )
);

Tour.register("PosCustomerWalletOfflineTour", {test: true, url: "/pos/ui"}, getSteps());
