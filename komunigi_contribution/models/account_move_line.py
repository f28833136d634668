# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, api, models
from odoo.exceptions import ValidationError


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._komunigi_date_fee_memberships()
        return lines

    def _komunigi_date_fee_memberships(self):
        """Date the membership lines of fee invoice lines with the period the
        contract invoiced, so that the partner's membership state follows the
        fees paid month by month."""
        fee_lines = self.filtered(
            lambda line: line.contract_line_id.contract_id.is_komunigi_fee
            and line.contract_line_id.last_date_invoiced
        )
        if not fee_lines:
            return
        memberships = (
            self.env["membership.membership_line"]
            .sudo()
            .search([("account_invoice_line", "in", fee_lines.ids)])
        )
        for membership in memberships:
            contract_line = membership.account_invoice_line.contract_line_id
            date_to = contract_line.last_date_invoiced
            date_from = max(contract_line.date_start, date_to.replace(day=1))
            membership.write({"date_from": date_from, "date_to": date_to})
        # The membership state reads the lines newest first: re-read them in that
        # order rather than in the order they were created in this transaction.
        partners = memberships.partner
        partners.invalidate_recordset(["member_lines"])
        self.env.add_to_compute(partners._fields["membership_state"], partners)

    @api.constrains("product_id", "move_id")
    def _check_komunigi_contribution_types(self):
        for move in self.move_id:
            kinds = set(
                move.invoice_line_ids.product_id.product_tmpl_id.mapped(
                    "komunigi_contribution_type"
                )
            )
            if "fee" in kinds and ("development" in kinds or move.komunigi_request_id):
                raise ValidationError(
                    _(
                        "Invoice %(invoice)s cannot mix the komunigi membership fee "
                        "with co-funded development hours: fees never pay for "
                        "development.",
                        invoice=move.display_name,
                    )
                )
            if (
                "development" in kinds
                and move.invoice_line_ids.contract_line_id.filtered(
                    lambda line: line.contract_id.is_komunigi_fee
                )
            ):
                raise ValidationError(
                    _(
                        "Development hours cannot be added to the fee invoice "
                        "%(invoice)s.",
                        invoice=move.display_name,
                    )
                )
