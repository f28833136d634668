/** @odoo-module **/
// Copyright 2026 Coop IT Easy SC
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

import {getSteps, startSteps} from "point_of_sale.tour.utils";
import {ErrorPopup} from "point_of_sale.tour.ErrorPopupTourMethods";
import {PaymentScreen} from "point_of_sale.tour.PaymentScreenTourMethods";
import {ProductScreen} from "point_of_sale.tour.ProductScreenTourMethods";
import {ReceiptScreen} from "point_of_sale.tour.ReceiptScreenTourMethods";
import {TicketScreen} from "point_of_sale.tour.TicketScreenTourMethods";
import Tour from "web_tour.tour";

function check(content, trigger) {
  return [{content, trigger, run: () => null}];
}

function walletPanelShows(balance, projected) {
  return [
    ...check(
      `wallet balance ${balance}`,
      `.customer-wallet-info .customer-wallet-balance:contains("${balance}")`
    ),
    ...check(
      `balance after this order ${projected}`,
      `.customer-wallet-info .customer-wallet-projected:contains("${projected}")`
    ),
  ];
}

function receiptShowsWallet(balance) {
  return check(
    `receipt prints the wallet balance ${balance}`,
    `.pos-receipt .pos-receipt-customer-wallet:contains("${balance}")`
  );
}

function setCustomer(name) {
  ProductScreen.do.clickPartnerButton();
  ProductScreen.do.clickCustomer(name);
  ProductScreen.check.isShown();
}

function nextOrder() {
  ReceiptScreen.do.clickNextOrder();
  ProductScreen.check.isShown();
}

startSteps();
ProductScreen.do.confirmOpeningPopup();
ProductScreen.do.clickHomeCategory();

// 1. Blocked without a customer, then paid fully from the wallet.
ProductScreen.exec.addOrderline("Wallet Apples", "3");
ProductScreen.do.clickPayButton();
PaymentScreen.do.clickPaymentMethod("Wallet");
ErrorPopup.check.isShown();
getSteps().push(
  ...check(
    "the popup asks for the member",
    ".popup-error:contains('Select the member before paying from a wallet')"
  )
);
ErrorPopup.do.clickConfirm();
PaymentScreen.do.clickBack();
setCustomer("Member One");
ProductScreen.do.clickPayButton();
PaymentScreen.do.clickPaymentMethod("Wallet");
getSteps().push(...walletPanelShows("100.00", "70.00"));
PaymentScreen.do.clickValidate();
ReceiptScreen.check.isShown();
getSteps().push(...receiptShowsWallet("70.00"));
nextOrder();

// 2. Wallet and cash.
ProductScreen.exec.addOrderline("Wallet Apples", "2");
setCustomer("Member One");
ProductScreen.do.clickPayButton();
PaymentScreen.do.clickPaymentMethod("Wallet");
PaymentScreen.do.pressNumpad("5");
PaymentScreen.do.clickPaymentMethod("Cash");
getSteps().push(...walletPanelShows("70.00", "65.00"));
PaymentScreen.do.clickValidate();
ReceiptScreen.check.isShown();
getSteps().push(...receiptShowsWallet("65.00"));
nextOrder();

// 3. Below the limit: refused with the balance and the limit; paid in cash.
ProductScreen.exec.addOrderline("Wallet Apples", "3");
setCustomer("Member Two");
ProductScreen.do.clickPayButton();
PaymentScreen.do.clickPaymentMethod("Wallet");
PaymentScreen.do.clickValidate();
ErrorPopup.check.isShown();
getSteps().push(
  ...check(
    "the popup gives the balance and the limit",
    ".popup-error:contains('20.00'):contains('0.00')"
  )
);
ErrorPopup.do.clickConfirm();
PaymentScreen.do.clickPaymentlineDelButton("Wallet", "30.00");
PaymentScreen.do.clickPaymentMethod("Cash");
PaymentScreen.do.clickValidate();
ReceiptScreen.check.isShown();
getSteps().push(
  ...check(
    "no wallet balance on a receipt that does not touch the wallet",
    ".pos-receipt:not(:has(.pos-receipt-customer-wallet))"
  )
);
nextOrder();

// 4. A top-up sold for cash, then spent.
ProductScreen.exec.addOrderline("Wallet top-up", "50");
setCustomer("Member Two");
ProductScreen.do.clickPayButton();
PaymentScreen.do.clickPaymentMethod("Cash");
PaymentScreen.do.clickValidate();
ReceiptScreen.check.isShown();
getSteps().push(...receiptShowsWallet("70.00"));
nextOrder();
ProductScreen.exec.addOrderline("Wallet Apples", "3");
setCustomer("Member Two");
ProductScreen.do.clickPayButton();
PaymentScreen.do.clickPaymentMethod("Wallet");
getSteps().push(...walletPanelShows("70.00", "40.00"));
PaymentScreen.do.clickValidate();
ReceiptScreen.check.isShown();
getSteps().push(...receiptShowsWallet("40.00"));
nextOrder();

// 5. Refund of the last order back into the wallet.
ProductScreen.do.clickRefund();
TicketScreen.do.selectOrder("-0005");
TicketScreen.do.clickOrderline("Wallet Apples");
TicketScreen.do.pressNumpad("3");
TicketScreen.do.confirmRefund();
ProductScreen.check.isShown();
ProductScreen.do.clickPayButton();
PaymentScreen.do.clickPaymentMethod("Wallet");
getSteps().push(...walletPanelShows("40.00", "70.00"));
PaymentScreen.do.clickValidate();
ReceiptScreen.check.isShown();
getSteps().push(...receiptShowsWallet("70.00"));

Tour.register("PosCustomerWalletTour", {test: true, url: "/pos/ui"}, getSteps());
