# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# How long the server keeps the money of an order the till asked for.
HOLD_MINUTES = 5


class CustomerWalletHold(models.Model):
    """Money of a wallet kept for a till's order until it reaches the server.

    Recorded under the wallet lock when the till asks before validating
    (``pos.session.check_customer_wallet_debit``), counted in every balance
    while it has not expired and no paid order with its reference was synced,
    and consumed by the synced order. A session keeps one hold per wallet and
    one per order: a new ask replaces them. Only the addon's own code, through
    the private methods below, creates holds; wallet managers release them.
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
    live = fields.Boolean(
        compute="_compute_live",
        search="_search_live",
        help="The hold has not expired: it counts in the wallet's balance until "
        "its order reaches the server.",
    )

    def _compute_live(self):
        now = fields.Datetime.now()
        for hold in self:
            hold.live = hold.expiry > now

    def _search_live(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                _(
                    "Live wallet holds are searched with = True or = False, not "
                    "%(operator)s %(value)s.",
                    operator=operator,
                    value=value,
                )
            )
        live = (operator == "=") == value
        return [("expiry", ">" if live else "<=", fields.Datetime.now())]

    _sql_constraints = [
        (
            "session_reference_unique",
            "UNIQUE(session_id, pos_reference)",
            "An order has one wallet hold.",
        ),
        (
            "session_wallet_unique",
            "UNIQUE(session_id, partner_id)",
            "A point of sale session keeps one hold per wallet.",
        ),
    ]

    @api.model
    def _customer_wallet_expiry(self):
        return fields.Datetime.now() + timedelta(minutes=HOLD_MINUTES)

    @api.model
    def _customer_wallet_release(self, session, wallet, pos_reference):
        """Drop the session's hold of the wallet (whatever its order), the
        wallet's expired holds and the order's expired hold.

        Called with the wallet locked, before its balance is read again: the
        holds of other wallets that still count are left alone, and so are
        the holds of other sessions.
        """
        now = fields.Datetime.now()
        self.sudo().search(
            [
                "|",
                "|",
                "&",
                ("session_id", "=", session.id),
                ("partner_id", "=", wallet.id),
                "&",
                ("partner_id", "=", wallet.id),
                ("expiry", "<=", now),
                "&",
                "&",
                ("session_id", "=", session.id),
                ("pos_reference", "=", pos_reference),
                ("expiry", "<=", now),
            ]
        ).unlink()

    @api.model
    def _customer_wallet_held_elsewhere(self, session, wallet):
        """The holds of the wallet that other sessions keep and that count."""
        return self.sudo().search(
            [
                ("partner_id", "=", wallet.id),
                ("session_id", "!=", session.id),
                ("expiry", ">", fields.Datetime.now()),
            ],
            order="expiry desc, id",
        )

    @api.model
    def _customer_wallet_release_sessions(self, sessions):
        """Drop the holds of the sessions (closed: their tills ask no more)."""
        self.sudo().search([("session_id", "in", sessions.ids)]).unlink()

    def action_customer_wallet_release(self):
        """Release the holds (wallet managers): their money is free again.

        The order of a released hold that reaches the server later is kept and
        counted as taken offline (flagged when it overdraws the wallet).
        """
        self.check_access_rights("unlink")
        self.check_access_rule("unlink")
        self.exists().unlink()
        return True

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
        """Keep ``amount`` of the wallet for the order (wallet locked), in
        place of the session's hold of the wallet and of the order's hold."""
        Hold = self.sudo()
        Hold.search(
            [
                ("session_id", "=", session.id),
                "|",
                ("partner_id", "=", wallet.id),
                ("pos_reference", "=", pos_reference),
            ]
        ).unlink()
        return Hold.create(
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
