# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pos_customer_wallet_offline_policy = fields.Selection(
        related="pos_config_id.customer_wallet_offline_policy", readonly=False
    )
