/** @odoo-module **/
// Copyright 2026 Coop IT Easy SC
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

import {Order, PosGlobalState} from "point_of_sale.models";
import Registries from "point_of_sale.Registries";
import {isConnectionError} from "point_of_sale.utils";
import core from "web.core";
import {sprintf} from "@web/core/utils/strings";

const _t = core._t;
const WALLET_RPC_TIMEOUT = 5000;

/**
 * Net wallet debit of an order exported as JSON (wallet payments minus
 * top-ups), for the orders this till has not synced yet.
 */
function jsonOrderWalletDebit(pos, json) {
  let debit = 0;
  for (const [, , payment] of json.statement_ids || []) {
    const method = pos.payment_methods_by_id[payment.payment_method_id];
    if (method && method.is_customer_wallet_method) {
      debit += payment.amount;
    }
  }
  for (const [, , line] of json.lines || []) {
    const product = pos.db.get_product_by_id(line.product_id);
    if (product && product.is_customer_wallet_product) {
      debit -= line.price_subtotal;
    }
  }
  return debit;
}

const CustomerWalletPosGlobalState = (PosGlobalState) =>
  class extends PosGlobalState {
    get customerWalletPaymentMethods() {
      return this.payment_methods.filter(
        (method) =>
          method.is_customer_wallet_method &&
          this.config.payment_method_ids.includes(method.id)
      );
    }
    /**
     * Ask the server for the current balances of these customers. Offline,
     * keep the last known balances and mark them as estimates.
     * @returns {Boolean} whether the balances come from the server
     */
    async refreshCustomerWalletBalances(partners) {
      partners = partners.filter(Boolean);
      if (!partners.length || !this.customerWalletPaymentMethods.length) {
        return false;
      }
      try {
        const balances = await this.env.services.rpc(
          {
            model: "pos.session",
            method: "get_customer_wallet_balances",
            args: [[this.pos_session.id], partners.map((p) => p.id)],
          },
          {timeout: WALLET_RPC_TIMEOUT, shadow: true}
        );
        for (const partner of partners) {
          if (partner.id in balances) {
            partner.customer_wallet_balance = balances[partner.id];
            partner.customer_wallet_balance_is_estimate = false;
          }
        }
        return true;
      } catch (error) {
        if (!isConnectionError(error)) {
          throw error;
        }
        for (const partner of partners) {
          partner.customer_wallet_balance_is_estimate = true;
        }
        return false;
      }
    }
    /**
     * What the orders of this till waiting to be synced take from the
     * wallet of the partner, for the till's next ask. The server does not
     * count them then, even those it held money for: a till keeps one hold
     * per wallet, and the ask replaces it.
     */
    getCustomerWalletUnsyncedDebit(partner, exceptOrder) {
      let debit = 0;
      for (const {data} of this.db.get_orders()) {
        if (
          data.partner_id === partner.id &&
          (!exceptOrder || data.uid !== exceptOrder.uid)
        ) {
          debit += jsonOrderWalletDebit(this, data);
        }
      }
      return debit;
    }
    async _flush_orders() {
      const results = await super._flush_orders(...arguments);
      for (const result of results || []) {
        if (!result.customer_wallet_partner_id) {
          continue;
        }
        const partner = this.db.get_partner_by_id(result.customer_wallet_partner_id);
        if (partner) {
          partner.customer_wallet_balance = result.customer_wallet_balance;
          partner.customer_wallet_balance_is_estimate = false;
        }
        for (const order of this.get_order_list()) {
          if (order.name === result.pos_reference) {
            // What the server stored, so what a reprint shows.
            order.customer_wallet_balance_after = result.customer_wallet_balance_after;
            order.customer_wallet_balance_is_estimate =
              result.customer_wallet_balance_estimated;
          }
        }
      }
      return results;
    }
  };
Registries.Model.extend(PosGlobalState, CustomerWalletPosGlobalState);

const CustomerWalletOrder = (Order) =>
  class extends Order {
    constructor() {
      super(...arguments);
      if (this.customer_wallet_balance_after === undefined) {
        this.customer_wallet_balance_after = null;
        this.customer_wallet_balance_is_estimate = false;
      }
      if (this.customer_wallet_held_until === undefined) {
        this.customer_wallet_held_until = null;
      }
    }
    init_from_JSON(json) {
      super.init_from_JSON(...arguments);
      this.customer_wallet_balance_after = [undefined, false].includes(
        json.customer_wallet_balance_after
      )
        ? null
        : json.customer_wallet_balance_after;
      this.customer_wallet_balance_is_estimate = Boolean(
        json.customer_wallet_balance_is_estimate
      );
      this.customer_wallet_held_until = json.customer_wallet_held_until || null;
    }
    export_as_JSON() {
      const json = super.export_as_JSON(...arguments);
      json.customer_wallet_balance_after = this.customer_wallet_balance_after;
      json.customer_wallet_balance_is_estimate =
        this.customer_wallet_balance_is_estimate;
      json.customer_wallet_held_until = this.customer_wallet_held_until;
      return json;
    }
    set_partner(partner) {
      super.set_partner(...arguments);
      if (partner && !this.finalized) {
        // The payment screen reads it again and reports errors.
        this.pos
          .refreshCustomerWalletBalances([partner])
          .catch((error) => console.warn(error));
      }
    }
    getCustomerWalletPaymentLines() {
      return this.get_paymentlines().filter(
        (line) => line.payment_method.is_customer_wallet_method
      );
    }
    getCustomerWalletTopUpLines() {
      return this.get_orderlines().filter(
        (line) => line.product.is_customer_wallet_product
      );
    }
    touchesCustomerWallet() {
      return Boolean(
        this.getCustomerWalletPaymentLines().length ||
          this.getCustomerWalletTopUpLines().length
      );
    }
    /** Wallet payments minus top-ups: what this order takes from the wallet. */
    getCustomerWalletDebit() {
      const paid = this.getCustomerWalletPaymentLines().reduce(
        (sum, line) => sum + line.get_amount(),
        0
      );
      const toppedUp = this.getCustomerWalletTopUpLines().reduce(
        (sum, line) => sum + line.get_price_without_tax(),
        0
      );
      return paid - toppedUp;
    }
    /** Limit of the wallet journal used by this order. */
    getCustomerWalletMinimumAmount() {
      const line = this.getCustomerWalletPaymentLines()[0];
      const method = line
        ? line.payment_method
        : this.pos.customerWalletPaymentMethods[0];
      return method ? method.customer_wallet_minimum_amount : 0;
    }
    /**
     * Balance before this order as far as this till knows: the last balance
     * read from the server minus the orders it has not synced yet.
     */
    getCustomerWalletAvailableBalance() {
      const partner = this.get_partner();
      if (!partner || partner.customer_wallet_balance === undefined) {
        return null;
      }
      return (
        partner.customer_wallet_balance -
        this.pos.getCustomerWalletUnsyncedDebit(partner, this)
      );
    }
    export_for_printing() {
      const receipt = super.export_for_printing(...arguments);
      if (
        this.get_partner() &&
        this.touchesCustomerWallet() &&
        this.customer_wallet_balance_after !== null
      ) {
        receipt.customer_wallet = {
          label: sprintf(_t("Wallet balance (%(partner)s)"), {
            partner: this.get_partner().name,
          }),
          balance_after: this.customer_wallet_balance_after,
          is_estimate: this.customer_wallet_balance_is_estimate,
        };
      }
      return receipt;
    }
  };
Registries.Model.extend(Order, CustomerWalletOrder);
