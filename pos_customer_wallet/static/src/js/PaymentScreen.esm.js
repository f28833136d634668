/** @odoo-module **/
// Copyright 2026 Coop IT Easy SC
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

import PaymentScreen from "point_of_sale.PaymentScreen";
import Registries from "point_of_sale.Registries";
import {isConnectionError} from "point_of_sale.utils";
import {onMounted} from "@odoo/owl";
import {round_decimals} from "web.utils";
import {sprintf} from "@web/core/utils/strings";

const CustomerWalletPaymentScreen = (PaymentScreen) =>
  class extends PaymentScreen {
    setup() {
      super.setup();
      onMounted(() => this._refreshCustomerWallet());
    }
    async _refreshCustomerWallet() {
      const partner = this.currentOrder.get_partner();
      if (partner) {
        await this.env.pos.refreshCustomerWalletBalances([partner]);
        this.render(true);
      }
    }
    async selectPartner() {
      await super.selectPartner(...arguments);
      await this._refreshCustomerWallet();
    }
    /** What the wallet panel beside the payment lines shows. */
    get customerWalletInfo() {
      const order = this.currentOrder;
      const partner = order.get_partner();
      if (!partner || !this.env.pos.customerWalletPaymentMethods.length) {
        return null;
      }
      const balance = order.getCustomerWalletAvailableBalance();
      if (balance === null) {
        return null;
      }
      const pos = this.env.pos;
      const debit = order.getCustomerWalletDebit();
      const projected = balance - debit;
      const touched = order.touchesCustomerWallet();
      const limit = order.getCustomerWalletMinimumAmount();
      // Said before Validate: the order would take the wallet below its limit.
      const beyondLimit =
        touched &&
        round_decimals(debit, pos.currency.decimal_places) > 0 &&
        this._isBelowCustomerWalletLimit(projected, limit);
      return {
        title: sprintf(this.env._t("Wallet: %(partner)s"), {
          partner: partner.name,
        }),
        balance: balance,
        projected: projected,
        isEstimate: Boolean(partner.customer_wallet_balance_is_estimate),
        touched: touched,
        beyondLimit: beyondLimit,
        limitWarning: beyondLimit
          ? sprintf(
              this.env._t(
                "Below the limit of %(limit)s: the wallet can pay at most %(available)s, pay the rest in another way."
              ),
              {
                limit: pos.format_currency(limit),
                // the wallet payments, less what the order lacks
                available: pos.format_currency(
                  Math.max(this._customerWalletPaid(order) + projected - limit, 0)
                ),
              }
            )
          : "",
      };
    }
    /** What the wallet payment lines of the order pay. */
    _customerWalletPaid(order) {
      return order
        .getCustomerWalletPaymentLines()
        .reduce((sum, line) => sum + line.get_amount(), 0);
    }
    addNewPaymentLine({detail: paymentMethod}) {
      if (paymentMethod.is_customer_wallet_method && !this.currentOrder.get_partner()) {
        this._showCustomerWalletNoPartner();
        return false;
      }
      return super.addNewPaymentLine(...arguments);
    }
    _showCustomerWalletNoPartner() {
      this.showPopup("ErrorPopup", {
        title: this.env._t("Customer required"),
        body: this.env._t(
          "Select the member before paying from a wallet or selling a wallet top-up."
        ),
      });
    }
    async _isOrderValid() {
      const order = this.currentOrder;
      if (order.touchesCustomerWallet() && !order.get_partner()) {
        this._showCustomerWalletNoPartner();
        return false;
      }
      if (!(await super._isOrderValid(...arguments))) {
        return false;
      }
      if (order.touchesCustomerWallet()) {
        if (this._customerWalletPaysChange(order)) {
          this.showPopup("ErrorPopup", {
            title: this.env._t("Wallet payment too high"),
            body: this.env._t(
              "The wallet can pay at most the order total: lower the wallet payment, the change cannot come from the wallet."
            ),
          });
          return false;
        }
        return this._checkCustomerWallet(order);
      }
      return true;
    }
    _customerWalletPaysChange(order) {
      const walletPaid = order
        .getCustomerWalletPaymentLines()
        .reduce((sum, line) => sum + line.get_amount(), 0);
      const digits = this.env.pos.currency.decimal_places;
      return (
        round_decimals(walletPaid, digits) > 0 &&
        round_decimals(walletPaid - Math.max(order.get_total_with_tax(), 0), digits) > 0
      );
    }
    /**
     * Online, the server checks the debit against the current balance
     * (every till and the backend included) and keeps it for this order
     * until the order reaches it: another till asking meanwhile sees it.
     * Offline, the policy of the point of sale decides.
     */
    async _checkCustomerWallet(order) {
      const partner = order.get_partner();
      const pos = this.env.pos;
      const debit = order.getCustomerWalletDebit();
      const unsynced = pos.getCustomerWalletUnsyncedDebit(partner, order);
      const walletLine = order.getCustomerWalletPaymentLines()[0];
      let result = null;
      try {
        result = await this.rpc(
          {
            model: "pos.session",
            method: "check_customer_wallet_debit",
            args: [
              [pos.pos_session.id],
              partner.id,
              debit,
              walletLine ? walletLine.payment_method.id : false,
              order.name,
              unsynced,
            ],
          },
          {timeout: 5000, shadow: true}
        );
      } catch (error) {
        if (!isConnectionError(error)) {
          throw error;
        }
      }
      if (result) {
        partner.customer_wallet_balance = result.balance;
        partner.customer_wallet_balance_is_estimate = false;
        if (!result.allowed) {
          this.showPopup("ErrorPopup", {
            title: this.env._t("Wallet balance too low"),
            body: result.message,
          });
          return false;
        }
        order.customer_wallet_balance_after = result.balance - unsynced - debit;
        order.customer_wallet_balance_is_estimate = false;
        if (result.hold_seconds) {
          // The server counts this order in the balance from now on, until
          // it reaches it or the hold expires.
          order.customer_wallet_held_until = Date.now() + result.hold_seconds * 1000;
          partner.customer_wallet_balance = result.balance - debit;
        }
        return true;
      }
      return this._checkCustomerWalletOffline(order, partner, debit);
    }
    _checkCustomerWalletOffline(order, partner, debit) {
      const pos = this.env.pos;
      partner.customer_wallet_balance_is_estimate = true;
      const available = order.getCustomerWalletAvailableBalance() || 0;
      const isDebit = round_decimals(debit, pos.currency.decimal_places) > 0;
      if (isDebit && pos.config.customer_wallet_offline_policy !== "last_known") {
        this.showPopup("ErrorPopup", {
          title: this.env._t("Till offline"),
          body: this.env._t(
            "This till cannot reach the server: wallet payments are refused until the connection comes back."
          ),
        });
        return false;
      }
      const limit = order.getCustomerWalletMinimumAmount();
      const after = available - debit;
      if (isDebit && this._isBelowCustomerWalletLimit(after, limit)) {
        this.showPopup("ErrorPopup", {
          title: this.env._t("Wallet balance too low"),
          body: sprintf(
            this.env._t(
              "The wallet of %(partner)s holds %(balance)s (last known balance, the till is offline): paying %(amount)s would take it below its limit of %(limit)s."
            ),
            {
              partner: partner.name,
              balance: pos.format_currency(available),
              amount: pos.format_currency(debit),
              limit: pos.format_currency(limit),
            }
          ),
        });
        return false;
      }
      order.customer_wallet_balance_after = after;
      order.customer_wallet_balance_is_estimate = true;
      return true;
    }
    _isBelowCustomerWalletLimit(amount, limit) {
      const digits = this.env.pos.currency.decimal_places;
      return round_decimals(amount - limit, digits) < 0;
    }
  };
Registries.Component.extend(PaymentScreen, CustomerWalletPaymentScreen);
