# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, api, fields, models

from odoo.addons.account_customer_wallet.sql import sql_id_array

from .. import sql

# Above this number of wallets, their pending amounts are read for all wallets.
MANY_PARTNERS = 1000


class CustomerWalletLedger(models.AbstractModel):
    _inherit = "customer.wallet.ledger"

    @api.model
    def _pending_amounts(self, commercial_ids, company):
        amounts = super()._pending_amounts(commercial_ids, company)
        # None asks for every wallet with pending amounts (balance search)
        if commercial_ids is not None and not commercial_ids:
            return amounts
        wanted = None
        if commercial_ids is not None and len(commercial_ids) > MANY_PARTNERS:
            # the thousands of partners of a point of sale load: the orders of
            # the sessions not posted yet are fewer than them, read them all
            wanted = set(commercial_ids)
            commercial_ids = None
        # the query reads nine models: flushing them one by one cost more
        # than flushing everything (a sync has little else pending)
        self.env.flush_all()
        params = {
            "company_id": company.id,
            "all_partners": commercial_ids is None,
            "partner_ids": sql_id_array(commercial_ids or []),
            "now": fields.Datetime.now(),
        }
        # the orders not booked yet, and what the tills' asks keep for their
        # orders not synced yet
        self.env.cr.execute(sql.PENDING_AND_HELD, params)
        rows = self.env.cr.fetchall()
        amounts = dict(amounts)
        currency = company.currency_id
        for partner_id, amount in rows:
            # orders paid otherwise (or whose wallet movements cancel out)
            # leave their customer's balance to the posted journal items
            if currency.is_zero(amount) or (
                wanted is not None and partner_id not in wanted
            ):
                continue
            amounts[partner_id] = amounts.get(partner_id, 0.0) + amount
        return amounts

    @api.model
    def _statement_movements(self):
        # each order is its own movement, pending or booked: the point of
        # sale's query replaces the posted items alone (it reads them too)
        return sql.STATEMENT_MOVEMENTS

    @api.model
    def _statement_status(self, row):
        if row["kind"] == "hold":
            return _("Being paid at the till")
        if row["kind"] == "order" and row["pending"]:
            return _("At the till, booked at closing")
        if row["kind"] == "order" and row["invoice"]:
            return _("Invoiced as %(invoice)s", invoice=row["invoice"])
        if row["kind"] == "order":
            return _("Booked at the closing of %(session)s", session=row["session"])
        return super()._statement_status(row)

    @api.model
    def _statement_drift(self, company=None):
        """The closings' wallet items that their orders' rows do not add up to.

        :return: list of (session id, wallet id, sum of the orders' rows, sum
            of the session entry's items), empty when the rows are exact
        """
        self.env.flush_all()
        self.env.cr.execute(
            sql.STATEMENT_DRIFT, {"company": company.id if company else None}
        )
        return self.env.cr.fetchall()
