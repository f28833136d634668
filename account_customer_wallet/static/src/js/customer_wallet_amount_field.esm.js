/** @odoo-module **/
// Copyright 2026 Coop IT Easy SC
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

import {InvalidNumberError, parseFloat} from "@web/views/fields/parsers";
import {MonetaryField} from "@web/views/fields/monetary/monetary_field";
import {registry} from "@web/core/registry";
import {useInputField} from "@web/views/fields/input_field_hook";
import {useNumpadDecimal} from "@web/views/fields/numpad_decimal_hook";

/**
 * An amount of money typed by a shop admin, or an error: core's monetary
 * parser drops what is not a number, so that "abc" (or nothing) would be
 * read as 0. Only the currency symbol and spaces are dropped here; the rest
 * must be a number, which the form then marks as invalid otherwise.
 *
 * @param {String} value typed text
 * @param {String} symbol currency symbol of the amount
 * @returns {Number} the amount
 */
export function parseWalletAmount(value, symbol) {
  let text = value.trim();
  if (symbol) {
    text = text.split(symbol).join("").trim();
  }
  if (!text) {
    throw new InvalidNumberError(`"${value}" is not an amount`);
  }
  return parseFloat(text);
}

export class CustomerWalletAmountField extends MonetaryField {
  setup() {
    // The monetary field's own setup, with the strict parser.
    useInputField({
      getValue: () => this.formattedValue,
      refName: "numpadDecimal",
      parse: (value) => parseWalletAmount(value, this.currencySymbol),
    });
    useNumpadDecimal();
  }
}

registry.category("fields").add("customer_wallet_amount", CustomerWalletAmountField);
