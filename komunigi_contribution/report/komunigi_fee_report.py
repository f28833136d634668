# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import fields, models, tools


class KomunigiFeeReport(models.Model):
    """One row per posted fee invoice line: the member, the month of the fee,
    the amount invoiced and the part of it paid (company currency)."""

    _name = "komunigi.fee.report"
    _description = "komunigi Fees Invoiced and Paid"
    _auto = False
    _order = "month desc, partner_id"

    partner_id = fields.Many2one("res.partner", string="Member", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    month = fields.Date(readonly=True, help="First day of the month of the fee.")
    date_from = fields.Date(string="From", readonly=True)
    date_to = fields.Date(string="To", readonly=True)
    move_id = fields.Many2one("account.move", string="Invoice", readonly=True)
    payment_state = fields.Selection(
        selection=lambda self: self.env["account.move"]
        ._fields["payment_state"]
        ._description_selection(self.env),
        readonly=True,
    )
    amount_invoiced = fields.Monetary(readonly=True)
    amount_paid = fields.Monetary(readonly=True)
    amount_due = fields.Monetary(readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                SELECT
                    membership.id AS id,
                    move.partner_id AS partner_id,
                    move.company_id AS company_id,
                    company.currency_id AS currency_id,
                    date_trunc('month', COALESCE(membership.date_from,
                        move.invoice_date))::date AS month,
                    membership.date_from AS date_from,
                    membership.date_to AS date_to,
                    move.id AS move_id,
                    move.payment_state AS payment_state,
                    -line.balance AS amount_invoiced,
                    CASE WHEN move.amount_total_signed = 0 THEN 0
                        ELSE -line.balance * (1 - move.amount_residual_signed
                            / move.amount_total_signed)
                    END AS amount_paid,
                    CASE WHEN move.amount_total_signed = 0 THEN 0
                        ELSE -line.balance * move.amount_residual_signed
                            / move.amount_total_signed
                    END AS amount_due
                FROM membership_membership_line membership
                JOIN account_move_line line
                    ON line.id = membership.account_invoice_line
                JOIN account_move move ON move.id = line.move_id
                JOIN res_company company ON company.id = move.company_id
                JOIN product_product product ON product.id = line.product_id
                JOIN product_template template
                    ON template.id = product.product_tmpl_id
                WHERE template.komunigi_contribution_type = 'fee'
                    AND move.state = 'posted'
                    AND move.move_type = 'out_invoice'
                    AND move.payment_state != 'reversed'
            )
            """
        )
