# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import fields, models

# partners shared between companies, or of the wizard's company
PARTNER_DOMAIN = "['|', ('company_id', '=', False), ('company_id', '=', company_id)]"


class CustomerWalletWizard(models.AbstractModel):
    """What the wallet wizards share: a customer of a company."""

    _name = "customer.wallet.wizard"
    _description = "Customer wallet wizard"
    _check_company_auto = True

    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        required=True,
        check_company=True,
        domain=PARTNER_DOMAIN,
    )
