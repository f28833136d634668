# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    komunigi_contribution_type = fields.Selection(
        [("fee", "komunigi membership fee"), ("development", "Development hours")],
        string="komunigi Contribution",
        help="Membership fee: invoiced monthly to the member organisations, it funds "
        "the animation of the community. Development hours: invoiced to the "
        "co-funders of an improvement request. The two never share an invoice.",
    )

    @api.constrains("komunigi_contribution_type", "membership")
    def _check_komunigi_fee_is_membership(self):
        for template in self:
            if template.komunigi_contribution_type == "fee" and not template.membership:
                raise ValidationError(
                    _(
                        "The komunigi fee product %(product)s must be a membership "
                        "product.",
                        product=template.display_name,
                    )
                )
