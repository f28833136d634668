# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command, _, fields, models
from odoo.exceptions import UserError


class ResPartner(models.Model):
    _inherit = "res.partner"

    komunigi_fee_contract_ids = fields.One2many(
        "contract.contract",
        "partner_id",
        string="komunigi Fee Contracts",
        domain=[("is_komunigi_fee", "=", True)],
    )
    komunigi_funding_share_ids = fields.One2many(
        "komunigi.funding.share", "partner_id", string="Co-funding Shares"
    )

    def action_komunigi_admit(self):
        res = super().action_komunigi_admit()
        self._komunigi_start_fee_contract()
        return res

    def action_komunigi_withdraw(self):
        res = super().action_komunigi_withdraw()
        self._komunigi_end_fee_contract()
        return res

    def _komunigi_pays_fee(self):
        """Organisations of the users' community pay the fee; the developers
        (Coop IT Easy) contribute hours in kind."""
        self.ensure_one()
        return self.komunigi_community == "users"

    def _komunigi_running_fee_lines(self, company):
        return (
            self.env["contract.line"]
            .sudo()
            .search(
                [
                    ("contract_id.partner_id", "in", self.ids),
                    ("contract_id.is_komunigi_fee", "=", True),
                    ("contract_id.company_id", "=", company.id),
                    ("display_type", "=", False),
                    ("is_canceled", "=", False),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">=", fields.Date.context_today(self)),
                ]
            )
        )

    def _komunigi_start_fee_contract(self, company=None):
        """Start the monthly fee contract of the admitted organisations that pay
        the fee (rights are checked by the admission)."""
        company = company or self.env.company
        product = company.komunigi_fee_product_id
        contracts = self.env["contract.contract"]
        for partner in self.filtered(lambda p: p._komunigi_pays_fee()):
            if partner._komunigi_running_fee_lines(company):
                continue
            if not product:
                raise UserError(
                    _(
                        "Choose the komunigi fee product of %(company)s in the "
                        "settings before admitting %(partner)s.",
                        company=company.name,
                        partner=partner.display_name,
                    )
                )
            date_start = self.env["komunigi.fee.month"]._komunigi_first_fee_day(
                company,
                partner.komunigi_admission_date or fields.Date.context_today(self),
            )
            amount = company.komunigi_fee_amount
            if company.komunigi_fee_mode == "shared":
                running = self.env["contract.line"]._komunigi_running_fee_lines(
                    company, date_start
                )
                amount = company.currency_id.round(amount / (len(running) + 1))
            contracts |= contracts.sudo().create(
                {
                    "name": _(
                        "komunigi fee of %(partner)s", partner=partner.display_name
                    ),
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "is_komunigi_fee": True,
                    "line_recurrence": False,
                    "recurring_rule_type": "monthlylastday",
                    "recurring_invoicing_type": "pre-paid",
                    "recurring_interval": 1,
                    "date_start": date_start,
                    "contract_line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "name": _("komunigi membership fee, #START# - #END#"),
                                "quantity": 1.0,
                                # The recurrence of the contract (the defaults of
                                # the line would win over it).
                                "date_start": date_start,
                                "recurring_rule_type": "monthlylastday",
                                "recurring_invoicing_type": "pre-paid",
                                "recurring_interval": 1,
                                "uom_id": product.uom_id.id,
                                # What the line invoices, until its first
                                # month is shared out.
                                "specific_price": amount,
                            }
                        )
                    ],
                }
            )
        return contracts

    def _komunigi_end_fee_contract(self, company=None):
        """End the fee contracts of withdrawn organisations on their withdrawal
        date; the months already invoiced stay due."""
        company = company or self.env.company
        for partner in self:
            date_end = partner.komunigi_withdrawal_date or fields.Date.context_today(
                self
            )
            for line in partner._komunigi_running_fee_lines(company):
                line._komunigi_end(date_end)
        return True
