# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_round

from .project_task_type import FUNDED_STATES

# Marks the creation of a late joiner's share in a funded request by the
# late-joiner flow of our own code (a client's JSON cannot produce it).
LATE_JOINER = object()
# Marks the link of a share to its invoice by our own invoicing code (the
# co-funding invoices, the late joiner's, the re-estimation that releases them).
SHARE_INVOICING = object()
# What a share costs: computed from its quantity and rate, or set by our own
# invoicing code; never written by a client.
COMPUTED_FIELDS = {
    "hours",
    "percent",
    "amount",
    "is_late_joiner",
    "net_hours",
    "net_percent",
    "net_amount",
}


class KomunigiFundingShare(models.Model):
    _name = "komunigi.funding.share"
    _description = "Co-funding Share of an Improvement Request"
    _order = "request_id, id"
    _check_company_auto = True

    request_id = fields.Many2one(
        "project.task",
        string="Improvement Request",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
        domain="[('komunigi_is_request', '=', True)]",
    )
    company_id = fields.Many2one(
        related="request_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner",
        string="Co-funder",
        required=True,
        index=True,
        domain="[('is_company', '=', True), ('komunigi_state', '=', 'member')]",
        help="Member organisation funding this share of the development.",
    )
    share_type = fields.Selection(
        [("hours", "Hours"), ("percent", "Percentage")],
        string="Share In",
        default="percent",
        required=True,
    )
    quantity = fields.Float(
        string="Share",
        required=True,
        digits=(16, 2),
        help="Hours or percentage of the estimate, depending on the type of share.",
    )
    hours = fields.Float(compute="_compute_hours_percent", store=True, digits=(16, 2))
    percent = fields.Float(
        string="Percentage",
        compute="_compute_hours_percent",
        store=True,
        digits=(16, 2),
    )
    hourly_rate = fields.Monetary(
        default=lambda self: self.env.company.komunigi_development_hourly_rate,
        required=True,
        help="Rate of the development hours, from the settings when the share is "
        "recorded.",
    )
    amount = fields.Monetary(compute="_compute_amount", store=True)
    invoice_id = fields.Many2one(
        "account.move", string="Invoice", readonly=True, copy=False, index=True
    )
    invoice_payment_state = fields.Selection(related="invoice_id.payment_state")
    ceded_transfer_ids = fields.One2many(
        "komunigi.funding.transfer",
        "share_id",
        string="Ceded to Late Joiners",
        readonly=True,
    )
    received_transfer_ids = fields.One2many(
        "komunigi.funding.transfer",
        "late_share_id",
        string="Bought from Earlier Co-funders",
        readonly=True,
    )
    is_late_joiner = fields.Boolean(
        compute="_compute_net", store=True, help="Bought into a funded development."
    )
    net_hours = fields.Float(
        string="Net Hours",
        compute="_compute_net",
        store=True,
        digits=(16, 2),
        help="Hours of the share, less what it ceded to late joiners.",
    )
    net_percent = fields.Float(
        string="Net Percentage", compute="_compute_net", store=True, digits=(16, 2)
    )
    net_amount = fields.Monetary(
        string="Net Amount",
        compute="_compute_net",
        store=True,
        help="Amount of the share, less the credit notes of what it ceded to late "
        "joiners.",
    )
    invoice_state = fields.Selection(related="invoice_id.state")

    _sql_constraints = [
        (
            "komunigi_share_partner_unique",
            "unique(request_id, partner_id)",
            "An organisation has one share per improvement request.",
        )
    ]

    @api.depends("share_type", "quantity", "request_id.komunigi_estimate_hours")
    def _compute_hours_percent(self):
        for share in self:
            estimate = share.request_id.komunigi_estimate_hours
            if share.share_type == "hours":
                share.hours = share.quantity
                share.percent = (
                    float_round(share.quantity * 100.0 / estimate, precision_digits=2)
                    if estimate
                    else 0.0
                )
            else:
                share.percent = share.quantity
                share.hours = float_round(
                    estimate * share.quantity / 100.0, precision_digits=2
                )

    @api.depends("hours", "hourly_rate")
    def _compute_amount(self):
        for share in self:
            share.amount = share.currency_id.round(share.hours * share.hourly_rate)

    @api.depends(
        "hours",
        "percent",
        "amount",
        "ceded_transfer_ids.hours",
        "ceded_transfer_ids.percent",
        "ceded_transfer_ids.amount",
        "received_transfer_ids",
    )
    def _compute_net(self):
        for share in self:
            ceded = share.ceded_transfer_ids
            share.is_late_joiner = bool(share.received_transfer_ids)
            share.net_hours = share.hours - sum(ceded.mapped("hours"))
            share.net_percent = share.percent - sum(ceded.mapped("percent"))
            share.net_amount = share.amount - sum(ceded.mapped("amount"))

    @api.constrains("quantity")
    def _check_quantity(self):
        for share in self:
            if float_compare(share.quantity, 0.0, precision_digits=2) <= 0:
                raise ValidationError(
                    _(
                        "The share of %(partner)s in %(request)s must be positive.",
                        partner=share.partner_id.display_name,
                        request=share.request_id.display_name,
                    )
                )

    @api.constrains("partner_id")
    def _check_partner_is_member(self):
        for share in self:
            partner = share.partner_id.commercial_partner_id
            if partner.komunigi_state != "member":
                raise ValidationError(
                    _(
                        "Only member organisations can co-fund an improvement "
                        "request: %(partner)s is not a komunigi member.",
                        partner=share.partner_id.display_name,
                    )
                )

    @api.constrains("request_id", "share_type", "quantity")
    def _check_total_percent(self):
        for request in self.request_id:
            total = request.komunigi_funded_percent
            if float_compare(total, 100.0, precision_digits=2) > 0:
                raise ValidationError(
                    _(
                        "The shares of %(request)s would cover %(percent)s %% of its "
                        "estimate: together they cannot exceed 100 %%.",
                        request=request.display_name,
                        percent=total,
                    )
                )

    @api.constrains("invoice_id", "partner_id", "request_id")
    def _check_invoice(self):
        for share in self.filtered("invoice_id"):
            invoice = share.invoice_id
            if (
                invoice.move_type != "out_invoice"
                or invoice.company_id != share.company_id
                or invoice.commercial_partner_id
                != share.partner_id.commercial_partner_id
                or invoice.komunigi_request_id != share.request_id
                or invoice.komunigi_funding_role != "share"
            ):
                raise ValidationError(
                    _(
                        "%(invoice)s is not the co-funding invoice of %(partner)s "
                        "for %(request)s: it cannot be the invoice of this share.",
                        invoice=invoice.display_name,
                        partner=share.partner_id.display_name,
                        request=share.request_id.display_name,
                    )
                )

    def _check_protected_fields(self, vals):
        """The invoice of a share is set by our own invoicing code only, its
        computed amounts never by anyone."""
        fields_set = set(vals)
        invoicing = self.env.context.get("komunigi_share_invoicing") is SHARE_INVOICING
        if ("invoice_id" in fields_set and not invoicing) or (
            fields_set & COMPUTED_FIELDS
        ):
            raise UserError(
                _(
                    "The invoice and the amounts of a co-funding share are set by "
                    "its invoicing only."
                )
            )

    def _komunigi_set_invoice(self, invoice):
        """Link these shares to their invoice (or release them with an empty
        one): the only way to write a share's invoice."""
        return self.with_context(komunigi_share_invoicing=SHARE_INVOICING).write(
            {"invoice_id": invoice.id}
        )

    def _check_request_open(self):
        for share in self:
            if share.invoice_id and share.invoice_id.state != "cancel":
                raise UserError(
                    _(
                        "The share of %(partner)s in %(request)s is invoiced: it "
                        "cannot change any more.",
                        partner=share.partner_id.display_name,
                        request=share.request_id.display_name,
                    )
                )
        if self.env.context.get("komunigi_late_joiner") is LATE_JOINER:
            return
        for request in self.request_id:
            if request.komunigi_request_state in FUNDED_STATES:
                raise UserError(
                    _(
                        "%(request)s is funded: move it back to the funding stage "
                        "before changing its shares.",
                        request=request.display_name,
                    )
                )

    def _komunigi_prepare_invoice(self, invoice_date=None, journal=None):
        """Values of the invoice of this share: its hours at its rate, with the
        development product, never with the fee."""
        self.ensure_one()
        return self._komunigi_prepare_move(
            "out_invoice",
            self.hours,
            self.hourly_rate,
            _(
                "Co-funding of %(request)s: %(hours)s hours (%(percent)s %%)",
                request=self.request_id.name,
                hours=self.hours,
                percent=self.percent,
            ),
            invoice_date=invoice_date,
            journal=journal,
        )

    def _komunigi_prepare_move(
        self,
        move_type,
        quantity,
        price_unit,
        label,
        role="share",
        invoice_date=None,
        journal=None,
    ):
        """Values of an invoice or credit note of this share's co-funder with
        one line of the development product, never with the fee."""
        self.ensure_one()
        request = self.request_id
        company = self.company_id
        product = company.komunigi_development_product_id
        if not product:
            raise UserError(
                _(
                    "Choose the komunigi development product of %(company)s in the "
                    "settings before invoicing the co-funders.",
                    company=company.name,
                )
            )
        line_vals = {
            "product_id": product.id,
            "name": label,
            "quantity": quantity,
            "product_uom_id": product.uom_id.id,
            "price_unit": price_unit,
        }
        if company.komunigi_tax_rule == "none":
            line_vals["tax_ids"] = [Command.clear()]
        analytic_account = request.project_id.analytic_account_id
        if analytic_account:
            line_vals["analytic_distribution"] = {str(analytic_account.id): 100.0}
        vals = {
            "move_type": move_type,
            "company_id": company.id,
            "partner_id": self.partner_id.id,
            "currency_id": self.currency_id.id,
            "invoice_date": invoice_date or fields.Date.context_today(self),
            "invoice_origin": request.name,
            "komunigi_request_id": request.id,
            "komunigi_funding_role": role,
            "invoice_line_ids": [Command.create(line_vals)],
        }
        if journal:
            vals["journal_id"] = journal.id
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_protected_fields(vals)
        shares = super().create(vals_list)
        shares._check_request_open()
        shares._komunigi_subscribe_cofunders()
        return shares

    def write(self, vals):
        self._check_protected_fields(vals)
        if set(vals) - {"invoice_id"}:
            self._check_request_open()
        res = super().write(vals)
        if "partner_id" in vals:
            self._komunigi_subscribe_cofunders()
        return res

    def _komunigi_subscribe_cofunders(self):
        """The co-funding organisation follows the request it pays for, so that
        its portal users read it (the share itself was checked)."""
        for share in self:
            share.request_id.sudo().message_subscribe(
                partner_ids=share.partner_id.commercial_partner_id.ids
            )

    def unlink(self):
        self._check_request_open()
        return super().unlink()
