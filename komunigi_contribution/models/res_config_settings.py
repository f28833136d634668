# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    komunigi_fee_amount = fields.Monetary(
        related="company_id.komunigi_fee_amount",
        currency_field="currency_id",
        readonly=False,
    )
    komunigi_fee_hours = fields.Float(
        related="company_id.komunigi_fee_hours", readonly=False
    )
    komunigi_fee_hourly_rate = fields.Monetary(
        related="company_id.komunigi_fee_hourly_rate",
        currency_field="currency_id",
    )
    komunigi_development_hourly_rate = fields.Monetary(
        related="company_id.komunigi_development_hourly_rate",
        currency_field="currency_id",
        readonly=False,
    )
    komunigi_settlement_tolerance = fields.Float(
        related="company_id.komunigi_settlement_tolerance", readonly=False
    )
    komunigi_tax_rule = fields.Selection(
        related="company_id.komunigi_tax_rule", readonly=False
    )
    komunigi_in_kind_hours = fields.Float(
        related="company_id.komunigi_in_kind_hours", readonly=False
    )
    komunigi_fee_mode = fields.Selection(
        related="company_id.komunigi_fee_mode", readonly=False
    )
    komunigi_fee_product_id = fields.Many2one(
        related="company_id.komunigi_fee_product_id", readonly=False
    )
    komunigi_development_product_id = fields.Many2one(
        related="company_id.komunigi_development_product_id", readonly=False
    )
