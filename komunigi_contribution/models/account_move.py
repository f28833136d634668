# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    komunigi_request_id = fields.Many2one(
        "project.task",
        string="Improvement Request",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Improvement request co-funded by this invoice.",
    )
    komunigi_funding_role = fields.Selection(
        [
            ("share", "Co-funding share"),
            ("late_joiner", "Credit for a late joiner"),
            ("settlement", "Settlement on the hours worked"),
        ],
        string="Co-funding Role",
        readonly=True,
        copy=False,
    )
    komunigi_funding_share_ids = fields.One2many(
        "komunigi.funding.share", "invoice_id", string="Co-funding Shares"
    )

    def action_komunigi_open_request(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "project.task",
            "res_id": self.komunigi_request_id.id,
            "view_mode": "form",
        }
