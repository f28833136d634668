# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""Recorded point of sale orders that moved a wallet are frozen."""

from odoo import SUPERUSER_ID, _, fields, models
from odoo.exceptions import UserError

from .. import guard

# Fields of an order that moved a wallet, frozen once it reached the server.
FROZEN_ORDER_FIELDS = (
    "partner_id",
    "state",
    "session_id",
    "company_id",
    "account_move",
    "pos_reference",
    "config_id",
)
WALLET_MANAGER_GROUP = "account_customer_wallet.group_customer_wallet_manager"


class PosOrder(models.Model):
    _inherit = "pos.order"

    def write(self, vals):
        if not guard.in_order_sync(self.env):
            self._customer_wallet_check_held_reference(vals)
        frozen = self._customer_wallet_frozen_by(vals)
        if not frozen:
            return super().write(vals)
        names = [name for name in FROZEN_ORDER_FIELDS if name in vals]
        error = UserError(
            _(
                "The point of sale order %(order)s has moved a customer wallet: "
                "only a wallet manager may change its %(field)s.",
                order=frozen[:1].display_name,
                field=", ".join(
                    self._fields[name]._description_string(self.env) for name in names
                ),
            )
        )
        return frozen._customer_wallet_guard(
            lambda: super(PosOrder, self).write(vals),
            error,
            partners=self.env["res.partner"].browse(
                guard.record_id(vals.get("partner_id")) or []
            ),
            companies=self.env["res.company"].browse(
                guard.record_id(vals.get("company_id")) or []
            ),
        )

    def _customer_wallet_check_held_reference(self, vals):
        """Refuse to give an order the receipt number of a till's held order.

        A hold counts until a paid order of its session with its receipt
        number reaches the server: any other order given that number and
        session would stop it counting before its order is synced.
        """
        if "pos_reference" not in vals and "session_id" not in vals:
            return
        Hold = self.env["customer.wallet.hold"].sudo()
        now = fields.Datetime.now()
        for order in self:
            reference = vals.get("pos_reference", order.pos_reference)
            session_id = (
                guard.record_id(vals["session_id"]) or False
                if "session_id" in vals
                else order.session_id.id
            )
            if not reference or not session_id:
                continue
            if reference == order.pos_reference and session_id == order.session_id.id:
                continue
            if Hold.search_count(
                [
                    ("session_id", "=", session_id),
                    ("pos_reference", "=", reference),
                    ("expiry", ">", now),
                ],
                limit=1,
            ):
                raise UserError(
                    _(
                        "The receipt number %(reference)s is kept for an order that "
                        "its till has not synchronised yet: it cannot be given to "
                        "the order %(order)s.",
                        reference=reference,
                        order=order.display_name,
                    )
                )

    def _customer_wallet_frozen_by(self, vals):
        """The orders of ``self`` whose frozen fields ``vals`` changes."""
        names = [name for name in FROZEN_ORDER_FIELDS if name in vals]
        if not names or guard.in_order_sync(self.env):
            return self.browse()
        path = guard.marker(self.env)
        new_partner = self.env["res.partner"].browse(
            guard.record_id(vals.get("partner_id")) or []
        )

        def changes(order):
            for name in names:
                if name == "state":
                    state = vals["state"]
                    if (
                        state == order.state
                        # a draft order moves no wallet yet
                        or (order.state == "draft" and state == "cancel")
                        or (path is not None and path.allows_state(order, state))
                    ):
                        continue
                    return True
                if order.state == "draft":
                    continue
                if name == "pos_reference":
                    if (order.pos_reference or False) != (vals[name] or False):
                        return True
                elif name == "partner_id":
                    # a contact of the same wallet may take the customer's place
                    if (
                        order.partner_id.commercial_partner_id
                        != new_partner.commercial_partner_id
                    ):
                        return True
                elif order[name].id != (guard.record_id(vals[name]) or False):
                    return True
            return False

        return self.filtered(
            lambda order: changes(order) and order._customer_wallet_touched()
        )

    def _customer_wallet_is_manager(self):
        return self.env.uid == SUPERUSER_ID or self.env.user.has_group(
            WALLET_MANAGER_GROUP
        )

    def _customer_wallet_guard(self, apply, error, partners=None, companies=None):
        """Make a change of frozen records of the orders, as a wallet manager.

        The wallets of the customers of the orders and of ``partners`` (the
        new customers) are locked; a wallet that ``apply()`` debits must not
        end below the limit of the orders' wallet journal.

        :param apply: makes the change, returns its result
        :param error: the UserError raised for any other user
        :param companies: the companies the orders move to, if any
        """
        if not self._customer_wallet_is_manager():
            raise error
        ledger = self.env["customer.wallet.ledger"]
        partners = self.partner_id | (partners or self.env["res.partner"])
        wallet_ids = set(ledger._lock(partners).values())
        companies = self.company_id | (companies or self.env["res.company"])
        before = {
            company: ledger._commercial_balances(wallet_ids, company)
            for company in companies
        }
        result = apply()
        for company, balances in before.items():
            currency = company.currency_id
            after = ledger._commercial_balances(wallet_ids, company)
            journal = self._customer_wallet_limit_journal(company)
            minimum = journal._customer_wallet_minimum() if journal else 0.0
            for wallet_id in sorted(wallet_ids):
                debit = ledger._round(balances[wallet_id] - after[wallet_id], currency)
                if (
                    currency.compare_amounts(debit, 0.0) > 0
                    and currency.compare_amounts(after[wallet_id], minimum) < 0
                ):
                    raise ledger._limit_error(
                        partners.browse(wallet_id),
                        company,
                        balances[wallet_id],
                        debit,
                        minimum,
                    )
        return result

    def _customer_wallet_limit_journal(self, company):
        """The wallet journal whose limit applies to the orders in the company."""
        for order in self.exists().filtered(lambda order: order.company_id == company):
            journal = order._customer_wallet_journal()
            if journal:
                return journal
        return self.env["account.journal"].search(
            [
                ("company_id", "=", company.id),
                ("is_customer_wallet_journal", "=", True),
            ],
            order="id",
            limit=1,
        )
