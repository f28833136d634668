# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import fields, models

from .res_partner import COMMUNITIES


class KomunigiJoinCondition(models.Model):
    _name = "komunigi.join.condition"
    _description = "komunigi Join Condition"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    description = fields.Text(
        string="Explanation",
        translate=True,
        help="What the candidate has to do, shown in the checklist and in the "
        "welcome booklet.",
    )
    community = fields.Selection(
        COMMUNITIES,
        help="The community whose candidates must meet this condition; empty for "
        "both communities.",
    )
    required = fields.Boolean(
        default=True,
        help="A candidate cannot be admitted while a required condition is unmet.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
