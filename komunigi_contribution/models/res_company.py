# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import api, fields, models

FEE_MODES = [
    ("shared", "Shared between the paying members"),
    ("per_member", "Charged to each member"),
]
TAX_RULES = [
    ("standard", "Usual sale taxes"),
    ("none", "No tax"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    komunigi_fee_amount = fields.Monetary(
        string="komunigi Fee per Month",
        currency_field="currency_id",
        default=165.0,
        help="Amount of the komunigi membership fee for one month.",
    )
    komunigi_fee_hours = fields.Float(
        string="Animation Hours Bought per Month",
        default=3.0,
        help="Hours of community animation and analysis work the monthly fee buys.",
    )
    komunigi_fee_hourly_rate = fields.Monetary(
        string="komunigi Fee Hourly Rate",
        currency_field="currency_id",
        compute="_compute_komunigi_fee_hourly_rate",
        store=True,
        help="Monthly fee divided by the hours it buys: the rate of the animation "
        "hours the fees fund.",
    )
    komunigi_development_hourly_rate = fields.Monetary(
        string="komunigi Development Hourly Rate",
        currency_field="currency_id",
        default=55.0,
        help="Rate of the development hours of co-funded improvement requests, "
        "recorded on each share; the fee does not change it.",
    )
    komunigi_settlement_tolerance = fields.Float(
        string="komunigi Settlement Tolerance (%)",
        default=10.0,
        help="Overrun of the funded hours, in percent, that the settlement of a "
        "done request invoices to its co-funders without a decision of the "
        "assembly.",
    )
    komunigi_tax_rule = fields.Selection(
        TAX_RULES,
        string="komunigi Taxes",
        default="standard",
        required=True,
        help="Usual sale taxes: the fee and co-funding invoices get the taxes "
        "Odoo gives any sale (the customer taxes of the product, else the default "
        "taxes of its income account, through the customer's fiscal position). "
        "No tax: they carry no tax.",
    )
    komunigi_in_kind_hours = fields.Float(
        string="In-Kind Hours per Month",
        default=1.0,
        help="Hours of animation work Coop IT Easy contributes itself every month.",
    )
    komunigi_fee_mode = fields.Selection(
        FEE_MODES,
        string="komunigi Fee Mode",
        default="shared",
        required=True,
        help="Shared: the monthly amount is divided between the paying members. "
        "Charged to each member: every paying member pays the monthly amount.",
    )
    komunigi_fee_product_id = fields.Many2one(
        "product.product",
        string="komunigi Fee Product",
        check_company=True,
        domain="[('komunigi_contribution_type', '=', 'fee')]",
        help="Membership product invoiced by the fee contracts.",
    )
    komunigi_development_product_id = fields.Many2one(
        "product.product",
        string="komunigi Development Product",
        check_company=True,
        domain="[('komunigi_contribution_type', '=', 'development')]",
        help="Product of the development hours invoiced to the co-funders.",
    )

    @api.depends("komunigi_fee_amount", "komunigi_fee_hours")
    def _compute_komunigi_fee_hourly_rate(self):
        for company in self:
            hours = company.komunigi_fee_hours
            company.komunigi_fee_hourly_rate = (
                company.komunigi_fee_amount / hours if hours > 0 else 0.0
            )

    def _komunigi_demo_setup(self, project_ids):
        """Demo data: make this company the house of komunigi: the chart of
        accounts of the main company, the fee settings and the given komunigi
        projects (with their analytic accounts)."""
        self.ensure_one()
        template = self.env.ref("base.main_company").chart_template_id
        if template and not self.chart_template_id:
            template.try_loading(company=self, install_demo=False)
        for project in self.env["project.project"].sudo().browse(project_ids):
            # A new analytic account in this company (the one of the install
            # company stays there, unused).
            had_account = bool(project.analytic_account_id)
            project.analytic_account_id = False
            project.company_id = self
            if had_account:
                project._create_analytic_account()
        return True
