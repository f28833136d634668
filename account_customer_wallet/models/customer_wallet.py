# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import fields, models, tools


class CustomerWallet(models.Model):
    """One row per wallet (commercial partner and company) having movements.

    The rows are added up from the movements that the statement lists
    (``customer.wallet.ledger._statement_movements``): a point of sale's
    orders not booked yet count in the balance as they do on the partner's
    form, and the balance filters see them.
    """

    _name = "customer.wallet"
    _description = "Customer Wallet"
    _auto = False
    _order = "partner_id"
    _rec_name = "partner_id"
    _check_company_auto = True

    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Customer", readonly=True
    )
    company_id = fields.Many2one(
        comodel_name="res.company", string="Company", readonly=True
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency", string="Currency", readonly=True
    )
    balance = fields.Monetary(string="Balance", readonly=True)
    last_move_date = fields.Date(string="Last Movement", readonly=True)
    move_line_count = fields.Integer(string="Movements", readonly=True)

    @property
    def _table_query(self):
        return self.env["customer.wallet.ledger"]._wallet_list_query()

    def init(self):
        # the list used to be a database view of the posted items only
        tools.drop_view_if_exists(self.env.cr, self._table)

    def action_open_statement(self):
        self.ensure_one()
        return (
            self.env["customer.wallet.statement"]
            .with_company(self.company_id)
            .create({"partner_id": self.partner_id.id})
            .action_show()
        )
