/** @odoo-module **/
// Copyright 2026 Coop IT Easy SC
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

import {RedirectWarningDialog} from "@web/core/errors/error_dialogs";
import {registry} from "@web/core/registry";

// A wallet limit refusal offers account managers the correction wizard.
registry
  .category("error_dialogs")
  .add(
    "odoo.addons.account_customer_wallet.exceptions.CustomerWalletLimitError",
    RedirectWarningDialog
  );
