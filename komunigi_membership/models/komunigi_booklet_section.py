# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import fields, models


class KomunigiBookletSection(models.Model):
    _name = "komunigi.booklet.section"
    _description = "komunigi Welcome Booklet Section"
    _order = "sequence, id"

    name = fields.Char(string="Question", required=True, translate=True)
    content = fields.Html(string="Answer", translate=True, sanitize=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    automatic_content = fields.Selection(
        [
            ("members", "Member organisations per community"),
            ("conditions", "Join conditions"),
        ],
        help="Also print this list, always up to date, after the answer.",
    )
