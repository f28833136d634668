# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import api, fields, models

from ..sql import CREATE_TRIGGERS, DRIFT, DROP_TRIGGERS, REBUILD


def drop_triggers(cr):
    for query in DROP_TRIGGERS:
        cr.execute(query)


class CustomerWalletTotal(models.Model):
    """The sum of the posted journal items of a wallet on a wallet account.

    A wallet is a commercial partner: its items are those of the partner and
    of its contacts. The totals are kept by the database itself: triggers add
    every change of a posted wallet item (posting, reset to draft,
    cancellation, a new partner or amount, a deletion, whatever writes it) to
    the total of its wallet in the same transaction, and move the items of a
    partner that joins another wallet. A change waits for the lock of the
    total's row, so two changes of one wallet are serialised, and under
    REPEATABLE READ the second one fails and is retried. Reading ten thousand
    balances then reads ten thousand rows instead of the whole history of the
    wallets. ``_customer_wallet_drift`` compares the totals with the journal
    items.
    """

    _name = "customer.wallet.total"
    _description = "Customer Wallet Total"
    _log_access = False
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Wallet",
        required=True,
        readonly=True,
        ondelete="cascade",
        help="Commercial partner whose wallet holds the journal items of the "
        "partner and of its contacts.",
    )
    account_id = fields.Many2one(
        comodel_name="account.account",
        string="Wallet Account",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    balance = fields.Float(
        readonly=True,
        # numeric, as the journal items' balance: exact sums, no rounding
        digits=0,
        help="Sum of the balances (debit minus credit) of the posted journal items "
        "of the wallet on the account.",
    )

    _sql_constraints = [
        (
            "partner_account_unique",
            "unique(partner_id, account_id)",
            "A wallet has a single total per wallet account.",
        ),
    ]

    def init(self):
        # On install and on each update: (re)create the triggers, then
        # recompute the totals from the journal items.
        drop_triggers(self.env.cr)
        for query in CREATE_TRIGGERS:
            self.env.cr.execute(query)
        self._customer_wallet_rebuild()

    @api.model
    def _customer_wallet_rebuild(self):
        """Recompute every total from the posted journal items.

        Needed only when the wallet account of a company changes: the
        triggers keep the totals of the current wallet accounts.
        """
        self.env["account.move.line"].flush_model()
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        self.env["res.company"].flush_model(["customer_wallet_account_id"])
        self.env.cr.execute("DELETE FROM customer_wallet_total")
        self.env.cr.execute(REBUILD)
        self.invalidate_model()

    @api.model
    def _customer_wallet_drift(self):
        """Totals that differ from their journal items (there should be none).

        :return: list of (partner id, account id, total, sum of the journal items)
        """
        self.env["account.move.line"].flush_model()
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        self.flush_model()
        self.env.cr.execute(DRIFT)
        return self.env.cr.fetchall()
