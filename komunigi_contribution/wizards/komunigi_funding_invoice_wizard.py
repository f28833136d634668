# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import fields, models


class KomunigiFundingInvoiceWizard(models.TransientModel):
    _name = "komunigi.funding.invoice.wizard"
    _description = "Invoice the Co-funders of Improvement Requests"

    request_ids = fields.Many2many(
        "project.task",
        string="Improvement Requests",
        required=True,
        domain="[('komunigi_is_request', '=', True)]",
        default=lambda self: self._default_request_ids(),
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    invoice_date = fields.Date(
        required=True, default=lambda self: fields.Date.context_today(self)
    )
    journal_id = fields.Many2one(
        "account.journal",
        check_company=True,
        domain="[('type', '=', 'sale'), ('company_id', '=', company_id)]",
        help="Sales journal of the invoices; the default one when empty.",
    )

    def _default_request_ids(self):
        if self.env.context.get("active_model") == "project.task":
            return [(6, 0, self.env.context.get("active_ids", []))]
        return False

    def action_invoice(self):
        self.ensure_one()
        invoices = self.request_ids._komunigi_invoice_shares(
            invoice_date=self.invoice_date, journal=self.journal_id
        )
        action = self.env["ir.actions.actions"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("id", "in", invoices.ids)]
        # The move type in the context shows the customer and date columns.
        action["context"] = {"default_move_type": "out_invoice", "create": False}
        return action
