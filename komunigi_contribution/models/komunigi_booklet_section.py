# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import fields, models


class KomunigiBookletSection(models.Model):
    _inherit = "komunigi.booklet.section"

    automatic_content = fields.Selection(
        selection_add=[("fee", "Membership fee")],
        ondelete={"fee": "set null"},
    )
