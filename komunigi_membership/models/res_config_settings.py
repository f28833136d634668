# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    komunigi_convocation_days = fields.Integer(
        string="Convocation Days",
        config_parameter="komunigi_membership.convocation_days",
        default=7,
        help="This many days before each assembly, the daily job builds its "
        "agenda and queues its convocation.",
    )
    komunigi_quorum_percent = fields.Integer(
        string="Quorum (%)",
        config_parameter="komunigi_membership.quorum_percent",
        default=50,
        help="Share of the member organisations that must vote for a decision "
        "of the assembly.",
    )
