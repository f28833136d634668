# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import api, models

# Wallet movements of paid POS orders that no posted journal entry holds yet:
# wallet payments (debits) and top-up lines (credits) of orders whose session
# has no posted entry. Invoiced orders book their top-up lines in the invoice,
# so only their wallet payments wait for the session entry.
PENDING_QUERY = """
    SELECT partner.commercial_partner_id, SUM(pending.amount)
      FROM (
            SELECT pos_order.partner_id, -payment.amount AS amount
              FROM pos_payment payment
              JOIN pos_order ON pos_order.id = payment.pos_order_id
              JOIN pos_payment_method method ON method.id = payment.payment_method_id
              JOIN pos_session session ON session.id = pos_order.session_id
         LEFT JOIN account_move move ON move.id = session.move_id
             WHERE method.is_customer_wallet_method
               AND pos_order.state IN ('paid', 'done', 'invoiced')
               AND pos_order.company_id = %(company_id)s
               AND (
                    (session.move_id IS NULL AND session.state != 'closed')
                    OR move.state = 'draft'
               )
         UNION ALL
            SELECT pos_order.partner_id, line.price_subtotal AS amount
              FROM pos_order_line line
              JOIN pos_order ON pos_order.id = line.order_id
              JOIN product_product product ON product.id = line.product_id
              JOIN product_template template ON template.id = product.product_tmpl_id
              JOIN pos_session session ON session.id = pos_order.session_id
         LEFT JOIN account_move move ON move.id = session.move_id
             WHERE template.is_customer_wallet_product
               AND pos_order.state IN ('paid', 'done')
               AND pos_order.account_move IS NULL
               AND pos_order.company_id = %(company_id)s
               AND (
                    (session.move_id IS NULL AND session.state != 'closed')
                    OR move.state = 'draft'
               )
      ) AS pending
      JOIN res_partner partner ON partner.id = pending.partner_id
     WHERE (%(all_partners)s OR partner.commercial_partner_id = ANY(%(partner_ids)s))
  GROUP BY partner.commercial_partner_id
"""


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
        for model in (
            "pos.order",
            "pos.order.line",
            "pos.payment",
            "pos.session",
            "account.move",
        ):
            self.env[model].flush_model()
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
