# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import api, models

# Wallet movements of paid POS orders that no posted journal entry holds yet:
# wallet payments (debits) and top-up lines (credits) of orders whose session
# has no posted entry. Invoiced orders book their top-up lines in the invoice,
# so only their wallet payments wait for the session entry. The orders of the
# sessions not posted yet are found once, apart (a materialised CTE): the
# query runs for each synced order, and its planning used to cost more than
# its execution.
PENDING_QUERY = """
      WITH pending_order AS MATERIALIZED (
            SELECT pos_order.id, pos_order.partner_id, pos_order.state,
                   pos_order.account_move
              FROM pos_session session
         LEFT JOIN account_move move ON move.id = session.move_id
              JOIN pos_order ON pos_order.session_id = session.id
             WHERE (
                    (session.move_id IS NULL AND session.state != 'closed')
                    OR move.state = 'draft'
                   )
               AND pos_order.state IN ('paid', 'done', 'invoiced')
               AND pos_order.company_id = %(company_id)s
               -- only the asked wallets' orders: the cost of a sync must not
               -- grow with the number of orders of the open sessions
               AND (
                    %(all_partners)s
                    OR pos_order.partner_id IN (
                        SELECT id FROM res_partner
                         WHERE commercial_partner_id = ANY(%(partner_ids)s)
                    )
                   )
      )
    SELECT partner.commercial_partner_id, SUM(pending.amount)
      FROM (
            SELECT pending_order.partner_id, -payment.amount AS amount
              FROM pending_order
              JOIN pos_payment payment ON payment.pos_order_id = pending_order.id
              JOIN pos_payment_method method ON method.id = payment.payment_method_id
             WHERE method.is_customer_wallet_method
         UNION ALL
            SELECT pending_order.partner_id, line.price_subtotal AS amount
              FROM pending_order
              JOIN pos_order_line line ON line.order_id = pending_order.id
              JOIN product_product product ON product.id = line.product_id
              JOIN product_template template ON template.id = product.product_tmpl_id
             WHERE template.is_customer_wallet_product
               AND pending_order.state IN ('paid', 'done')
               AND pending_order.account_move IS NULL
      ) AS pending
      JOIN res_partner partner ON partner.id = pending.partner_id
     WHERE (%(all_partners)s OR partner.commercial_partner_id = ANY(%(partner_ids)s))
  GROUP BY partner.commercial_partner_id
"""

# The fields the pending query reads, flushed before it runs.
PENDING_FIELDS = {
    "pos.order": ["partner_id", "state", "company_id", "session_id", "account_move"],
    "pos.order.line": ["order_id", "product_id", "price_subtotal"],
    "pos.payment": ["pos_order_id", "payment_method_id", "amount"],
    "pos.payment.method": ["is_customer_wallet_method"],
    "pos.session": ["state", "move_id"],
    "account.move": ["state"],
    "product.product": ["product_tmpl_id"],
    "product.template": ["is_customer_wallet_product"],
    "res.partner": ["commercial_partner_id"],
}


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _customer_wallet_pending_amounts(self, commercial_partner_ids, company):
        amounts = super()._customer_wallet_pending_amounts(
            commercial_partner_ids, company
        )
        # None asks for every wallet with pending amounts (balance search)
        if commercial_partner_ids is not None and not commercial_partner_ids:
            return amounts
        for model, fnames in PENDING_FIELDS.items():
            self.env[model].flush_model(fnames)
        self.env.cr.execute(
            PENDING_QUERY,
            {
                "company_id": company.id,
                "all_partners": commercial_partner_ids is None,
                "partner_ids": list(commercial_partner_ids or []),
            },
        )
        amounts = dict(amounts)
        for partner_id, amount in self.env.cr.fetchall():
            amounts[partner_id] = amounts.get(partner_id, 0.0) + amount
        return amounts
