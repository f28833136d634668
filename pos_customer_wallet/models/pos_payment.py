# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import fields, models


class PosPayment(models.Model):
    _inherit = "pos.payment"

    # The wallet payments of an order are read for each wallet order synced
    # (the balance after it) and core reads the payments of each order it
    # records: without an index both scan every payment ever made.
    pos_order_id = fields.Many2one(index=True)
