# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import fields, models


class KomunigiFundingTransfer(models.Model):
    """The part of an earlier co-funder's share that a late joiner bought into
    a funded development: hours, percentage and amount moved from one share to
    the other, with the credit note of the earlier co-funder. Created only by
    the late-joiner flow (nobody has the right to create or change one)."""

    _name = "komunigi.funding.transfer"
    _description = "Co-funding Share Ceded to a Late Joiner"
    _order = "late_share_id, id"
    _check_company_auto = True

    share_id = fields.Many2one(
        "komunigi.funding.share",
        string="Ceding Share",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    late_share_id = fields.Many2one(
        "komunigi.funding.share",
        string="Late Joiner's Share",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    request_id = fields.Many2one(related="share_id.request_id", store=True)
    company_id = fields.Many2one(
        related="share_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(related="share_id.partner_id", string="Co-funder")
    late_partner_id = fields.Many2one(
        related="late_share_id.partner_id", string="Late Joiner"
    )
    hours = fields.Float(readonly=True, digits=(16, 2))
    percent = fields.Float(string="Percentage", readonly=True, digits=(16, 2))
    amount = fields.Monetary(readonly=True)
    credit_note_id = fields.Many2one(
        "account.move", string="Credit Note", readonly=True, copy=False, index=True
    )

    def _komunigi_reconcile_credit(self):
        """Settle the credit note with the ceding share's invoice while that is
        not paid; a paid invoice leaves the credit outstanding for the
        co-funder."""
        for transfer in self:
            invoice = transfer.share_id.invoice_id
            if invoice.payment_state not in ("not_paid", "partial"):
                continue
            (invoice.line_ids | transfer.credit_note_id.line_ids).filtered(
                lambda line: line.account_id.account_type == "asset_receivable"
                and not line.reconciled
            ).reconcile()
