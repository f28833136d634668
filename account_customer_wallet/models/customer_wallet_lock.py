# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import fields, models


class CustomerWalletLock(models.Model):
    """The row that the debits of a wallet lock, one per commercial partner.

    A debit of a wallet bumps the version of its row (see
    ``customer.wallet.ledger._lock``). The row is narrow and has a single
    index: bumping it costs a fraction of a millisecond, where touching the
    partner itself (a wide row with many indexes) cost more than the rest of
    a point of sale wallet payment, and it leaves the partner free for other
    writers.
    """

    _name = "customer.wallet.lock"
    _description = "Customer Wallet Lock"
    _log_access = False
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    version = fields.Integer(
        readonly=True,
        help="Number of times the wallet was locked: each lock changes the row.",
    )

    _sql_constraints = [
        (
            "partner_unique",
            "unique(partner_id)",
            "A wallet has a single lock row.",
        ),
    ]
