# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from datetime import timedelta

from odoo import api, fields, models

# How long the server keeps the money of an order the till asked for.
HOLD_MINUTES = 5


class CustomerWalletHold(models.Model):
    """Money of a wallet kept for a till's order until it reaches the server.

    Recorded under the wallet lock when the till asks before validating
    (``pos.session.check_customer_wallet_debit``), counted in every balance
    while it has not expired and no paid order with its reference was synced,
    and consumed by the synced order. Only the addon's own code, through the
    private methods below, creates and deletes holds.
    """

    _name = "customer.wallet.hold"
    _description = "Customer Wallet Hold"
    _order = "id"
    _check_company_auto = True

    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Wallet",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
        help="Commercial partner whose wallet the hold debits.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company", required=True, readonly=True, index=True
    )
    session_id = fields.Many2one(
        comodel_name="pos.session",
        string="Session",
        required=True,
        readonly=True,
        ondelete="cascade",
        check_company=True,
    )
    config_id = fields.Many2one(related="session_id.config_id", string="Point of Sale")
    pos_reference = fields.Char(
        string="Receipt Number", required=True, readonly=True, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(required=True, readonly=True)
    expiry = fields.Datetime(required=True, readonly=True)

    _sql_constraints = [
        (
            "session_reference_unique",
            "UNIQUE(session_id, pos_reference)",
            "An order has one wallet hold.",
        )
    ]

    @api.model
    def _customer_wallet_expiry(self):
        return fields.Datetime.now() + timedelta(minutes=HOLD_MINUTES)

    @api.model
    def _customer_wallet_release(self, session, wallet, pos_reference):
        """Drop the wallet's hold of the order and its expired holds.

        Called with the wallet locked, before its balance is read again: the
        holds of other wallets that still count are left alone.
        """
        now = fields.Datetime.now()
        order = [
            ("session_id", "=", session.id),
            ("pos_reference", "=", pos_reference),
        ]
        self.sudo().search(
            [
                "|",
                "&",
                ("partner_id", "=", wallet.id),
                "|",
                "&",
                *order,
                ("expiry", "<=", now),
                "&",
                "&",
                *order,
                ("expiry", "<=", now),
            ]
        ).unlink()

    @api.model
    def _customer_wallet_held_by_other(self, session, wallet, pos_reference):
        """The hold of another wallet for the same order of the session."""
        return self.sudo().search(
            [
                ("session_id", "=", session.id),
                ("pos_reference", "=", pos_reference),
                ("partner_id", "!=", wallet.id),
                ("expiry", ">", fields.Datetime.now()),
            ],
            limit=1,
        )

    @api.model
    def _customer_wallet_hold(self, session, wallet, pos_reference, amount):
        """Keep ``amount`` of the wallet for the order (wallet locked)."""
        return self.sudo().create(
            {
                "partner_id": wallet.id,
                "company_id": session.company_id.id,
                "session_id": session.id,
                "pos_reference": pos_reference,
                "amount": amount,
                "expiry": self._customer_wallet_expiry(),
            }
        )

    @api.model
    def _customer_wallet_consume(self, order, wallet_id, debit):
        """Delete the hold of the synced order, of its session only.

        The order is the one its till asked for, whatever the customer the
        till chose since (a hold of the session and receipt number stops
        counting once such a paid order is recorded, see ``HOLD_AMOUNTS``).

        :param wallet_id: the commercial partner of the order's customer
        :return: whether a hold of the order's session and wallet, still
            valid, covered its ``debit``: the server allowed the order under
            the lock.
        """
        holds = self.sudo().search(
            [
                ("pos_reference", "=", order.pos_reference),
                ("session_id", "=", order.session_id.id),
            ]
        )
        now = fields.Datetime.now()
        currency = order.company_id.currency_id
        covered = any(
            hold.partner_id.id == wallet_id
            and hold.expiry > now
            and currency.compare_amounts(hold.amount, debit) >= 0
            for hold in holds
        )
        holds.unlink()
        return covered

    @api.autovacuum
    def _gc_expired_holds(self):
        self.sudo().search([("expiry", "<=", fields.Datetime.now())]).unlink()
