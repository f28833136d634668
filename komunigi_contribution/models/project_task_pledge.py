# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

import math

from odoo import Command, _, api, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare, float_round, format_amount

from .komunigi_funding_share import LATE_JOINER

# What the pledge board shows: the requests being analysed, those looking for
# co-funders and the funded ones a late joiner may still buy into.
ANALYSED_STATES = ("clarified", "specified", "prioritised", "estimated")
PLEDGE_STATES = ("funding",)
LATE_JOINER_STATES = ("funded", "in_progress")
BOARD_STATES = ANALYSED_STATES + PLEDGE_STATES + LATE_JOINER_STATES
BOARD_ORDER = PLEDGE_STATES + LATE_JOINER_STATES + ANALYSED_STATES[::-1]


def allocate(total, weights, rounding):
    """Split total pro rata to weights, each part rounded to rounding, the last
    part taking the remainder so that the parts add up to total exactly."""
    weight_sum = sum(weights)
    parts = []
    for weight in weights[:-1]:
        share = total * weight / weight_sum if weight_sum else 0.0
        parts.append(float_round(share, precision_rounding=rounding))
    parts.append(float_round(total - sum(parts), precision_rounding=rounding))
    return parts


class ProjectTask(models.Model):
    _inherit = "project.task"

    # Pledge board

    @api.model
    def _komunigi_board_requests(self):
        """The requests of the pledge board of the current user, as superuser
        (portal users read only the requests they follow): those of the user's
        companies being analysed or funded; none for a user who is neither of
        a member organisation nor a komunigi user (a customer, a candidate)."""
        user = self.env.user
        if user.partner_id.commercial_partner_id.komunigi_state != "member" and not (
            user.has_group("komunigi_membership.group_komunigi_user")
        ):
            return self.browse()
        requests = self.sudo().search(
            [
                ("komunigi_is_request", "=", True),
                ("komunigi_request_state", "in", BOARD_STATES),
                ("company_id", "in", self.env.user.company_ids.ids),
            ],
            order="komunigi_priority desc, id",
        )
        # Looking for co-funders first, then the funded ones, then the
        # requests being analysed.
        rank = {state: rank for rank, state in enumerate(BOARD_ORDER)}
        return requests.sorted(lambda r: rank[r.komunigi_request_state])

    def _komunigi_pledge_open(self):
        """Whether members can pledge a share of this request now."""
        self.ensure_one()
        return self.komunigi_request_state in PLEDGE_STATES + LATE_JOINER_STATES

    def _komunigi_pledge_max_percent(self):
        """The largest share one more organisation can pledge: what remains of
        the estimate, or for a late joiner an equal share with the co-funders."""
        self.ensure_one()
        if self.komunigi_request_state in LATE_JOINER_STATES:
            return float_round(
                100.0 / (len(self.komunigi_share_ids) + 1),
                precision_digits=2,
                rounding_method="DOWN",
            )
        return max(100.0 - self.komunigi_funded_percent, 0.0)

    def _komunigi_pledge(self, organisation, share_type, quantity):
        """Record the pledge of the current user's organisation for this
        request (entry point of the portal's pledge board): at 100 % the request
        is funded and its co-funders invoiced; in a funded request the pledge is
        a late joiner's, invoiced with pro-rata credit notes for the earlier
        co-funders. Returns the share."""
        self.ensure_one()
        own = self.env.user.partner_id.commercial_partner_id
        if organisation != own:
            raise AccessError(
                _(
                    "You can pledge only for your own organisation, "
                    "%(organisation)s.",
                    organisation=own.display_name,
                )
            )
        if own.komunigi_state != "member":
            raise AccessError(
                _(
                    "Only member organisations can co-fund an improvement request: "
                    "%(organisation)s is not a komunigi member.",
                    organisation=own.display_name,
                )
            )
        request = self.sudo()
        if (
            not request.exists()
            or not request.komunigi_is_request
            or request.company_id not in self.env.user.company_ids
        ):
            raise UserError(_("This improvement request does not exist."))
        request = request.with_company(request.company_id)
        if share_type not in ("hours", "percent"):
            raise UserError(_("Pledge a number of hours or a percentage."))
        if (
            not isinstance(quantity, (int, float))
            or not math.isfinite(quantity)
            or float_compare(quantity, 0.0, precision_digits=2) <= 0
        ):
            raise UserError(_("Pledge a positive number of hours or a percentage."))
        request._komunigi_lock_request()
        if not request._komunigi_pledge_open():
            raise UserError(
                _(
                    "%(request)s is not open for funding: it is %(stage)s.",
                    request=request.name,
                    stage=request.stage_id.name,
                )
            )
        existing = request.komunigi_share_ids.filtered(
            lambda s: s.partner_id.commercial_partner_id == own
        )
        if existing:
            raise UserError(
                _(
                    "%(organisation)s already co-funds %(request)s with "
                    "%(percent)s %% of it.",
                    organisation=own.display_name,
                    request=request.name,
                    percent=existing[:1].net_percent,
                )
            )
        estimate = request.komunigi_estimate_hours
        if float_compare(estimate, 0.0, precision_digits=2) <= 0:
            raise UserError(
                _(
                    "%(request)s has no estimate in hours yet: it cannot be "
                    "pledged.",
                    request=request.name,
                )
            )
        if share_type == "hours":
            hours = float_round(quantity, precision_digits=2)
            percent = float_round(hours * 100.0 / estimate, precision_digits=2)
        else:
            percent = float_round(quantity, precision_digits=2)
            hours = float_round(estimate * percent / 100.0, precision_digits=2)
        max_percent = request._komunigi_pledge_max_percent()
        if float_compare(percent, max_percent, precision_digits=2) > 0:
            raise UserError(
                _(
                    "%(organisation)s can pledge at most %(percent)s %% "
                    "(%(hours)s hours) of %(request)s.",
                    organisation=own.display_name,
                    percent=max_percent,
                    hours=float_round(estimate * max_percent / 100.0, 2),
                    request=request.name,
                )
            )
        if request.komunigi_request_state in LATE_JOINER_STATES:
            share = request._komunigi_join_late(own, share_type, quantity, hours)
        else:
            share = request._komunigi_add_pledge(own, share_type, quantity)
        request.message_post(
            body=_(
                "%(organisation)s pledged %(percent)s %% (%(hours)s hours, "
                "%(amount)s) on the pledge board.",
                organisation=own.display_name,
                percent=share.percent,
                hours=share.hours,
                amount=format_amount(self.env, share.amount, share.currency_id),
            ),
            subtype_xmlid="mail.mt_note",
        )
        return share

    def _komunigi_lock_request(self):
        """Serialise the pledges of this request: lock its row."""
        self.env.cr.execute(
            "SELECT id FROM project_task WHERE id IN %s ORDER BY id FOR UPDATE",
            [tuple(self.ids)],
        )
        self.invalidate_recordset()
        self.komunigi_share_ids.invalidate_recordset()

    def _komunigi_add_pledge(self, organisation, share_type, quantity):
        """The share of a pledge in a request looking for co-funders; at 100 %
        the request is funded, its co-funders invoiced and the invoices sent."""
        self.ensure_one()
        share = (
            self.env["komunigi.funding.share"]
            .sudo()
            .with_company(self.company_id)
            .create(
                {
                    "request_id": self.id,
                    "partner_id": organisation.id,
                    "share_type": share_type,
                    "quantity": quantity,
                }
            )
        )
        if self._komunigi_is_fully_funded():
            stage = self.project_id.type_ids.filtered(
                lambda s: s.komunigi_request_state == "funded"
            )[:1]
            if not stage:
                raise UserError(
                    _(
                        "The project of %(request)s has no funded stage.",
                        request=self.name,
                    )
                )
            self.stage_id = stage
            invoices = self._komunigi_invoice_shares()
            self._komunigi_post_and_send(invoices)
        return share

    def _komunigi_join_late(self, organisation, share_type, quantity, hours):
        """The share of a late joiner in a funded request, bought from the
        earlier co-funders pro rata to their shares; the late joiner is
        invoiced and each earlier co-funder credited, the credits adding up to
        the late joiner's invoice to the cent."""
        self.ensure_one()
        self._komunigi_lock_shares()
        earlier = self.komunigi_share_ids
        not_invoiced = earlier.filtered(
            lambda s: not s.invoice_id or s.invoice_id.state != "posted"
        )
        if not_invoiced:
            raise UserError(
                _(
                    "%(request)s is funded but its co-funders are not all invoiced "
                    "yet: pledge again once the coordinator has invoiced them.",
                    request=self.name,
                )
            )
        currency = self.company_id.currency_id
        rate = earlier[:1].hourly_rate
        amount = currency.round(hours * rate)
        estimate = self.komunigi_estimate_hours
        percent = (
            float_round(hours * 100.0 / estimate, precision_digits=2)
            if share_type == "hours"
            else float_round(quantity, precision_digits=2)
        )
        amounts = allocate(amount, earlier.mapped("net_amount"), currency.rounding)
        hours_parts = allocate(hours, earlier.mapped("net_hours"), 0.01)
        percents = allocate(percent, earlier.mapped("net_percent"), 0.01)
        share = (
            self.env["komunigi.funding.share"]
            .sudo()
            .with_company(self.company_id)
            .with_context(komunigi_late_joiner=LATE_JOINER)
            .create(
                {
                    "request_id": self.id,
                    "partner_id": organisation.id,
                    "share_type": share_type,
                    "quantity": quantity,
                    "hourly_rate": rate,
                    "received_transfer_ids": [
                        Command.create(
                            {
                                "share_id": ceding.id,
                                "hours": part_hours,
                                "percent": part_percent,
                                "amount": part_amount,
                            }
                        )
                        for ceding, part_hours, part_percent, part_amount in zip(
                            earlier, hours_parts, percents, amounts
                        )
                    ],
                }
            )
        )
        Move = self.env["account.move"].sudo().with_company(self.company_id)
        invoice = Move._komunigi_create_funding_moves(share._komunigi_prepare_invoice())
        share._komunigi_set_invoice(invoice)
        moves = invoice
        for transfer in share.received_transfer_ids:
            if currency.is_zero(transfer.amount):
                continue
            credit = Move._komunigi_create_funding_moves(
                transfer.share_id._komunigi_prepare_move(
                    "out_refund",
                    1.0,
                    transfer.amount,
                    _(
                        "Pro-rata credit on %(request)s: %(organisation)s joined "
                        "and bought %(hours)s hours (%(percent)s %%) of your share.",
                        request=self.name,
                        organisation=organisation.display_name,
                        hours=transfer.hours,
                        percent=transfer.percent,
                    ),
                    role="late_joiner",
                )
            )
            transfer.credit_note_id = credit
            moves |= credit
        self._komunigi_post_and_send(moves)
        for transfer in share.received_transfer_ids.filtered("credit_note_id"):
            transfer._komunigi_reconcile_credit()
        return share

    def _komunigi_post_and_send(self, moves):
        """Post the co-funding invoices and credit notes of this request and
        send them to their customers with the invoice mail template (queued)."""
        self.ensure_one()
        salesperson = self.project_id.user_id
        drafts = moves.filtered(lambda m: m.state == "draft")
        drafts.write({"invoice_user_id": salesperson.id})
        drafts.action_post()
        template = self.env.ref("account.email_template_edi_invoice")
        # The PDF of the first invoice may build the report's assets, which
        # commits unless told not to (as core's website forms do): the pledge
        # stays one transaction.
        for move in moves.with_context(commit_assetsbundle=False):
            move.message_post_with_template(
                template.id,
                email_layout_xmlid="mail.mail_notification_layout_with_responsible_signature",
                author_id=self.company_id.partner_id.id,
            )
        moves.write({"is_move_sent": True})
