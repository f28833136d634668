# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo.exceptions import UserError


class CustomerWalletLimitError(UserError):
    """A debit that would leave a wallet below its limit, refused, with the
    action an account manager may open to confirm it as a correction.

    A ``UserError`` for the code that catches refusals; the web client shows
    it as core's ``RedirectWarning`` (same arguments: message, action, button
    text, context), see ``static/src/js/customer_wallet_limit_error.esm.js``.
    """

    def __init__(self, message, action, button_text, additional_context=None):
        # pylint: disable=super-init-not-called,non-parent-init-called
        Exception.__init__(self, message, action, button_text, additional_context)

    def __str__(self):
        return str(self.args[0])
