# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

import logging

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

_logger = logging.getLogger(__name__)

COMMUNITIES = [("users", "Users"), ("developers", "Developers")]
KOMUNIGI_STATES = [
    ("none", "Not involved"),
    ("candidate", "Candidate"),
    ("member", "Member"),
    ("withdrawn", "Withdrawn"),
]
# Fields that only a coordinator (or the system) may change: they say who is a
# member of komunigi.
PROTECTED_FIELDS = {
    "komunigi_community",
    "komunigi_state",
    "komunigi_admission_date",
    "komunigi_withdrawal_date",
    "komunigi_withdrawal_reason",
    "komunigi_booklet_sent_date",
}
COORDINATOR_GROUP = "komunigi_membership.group_komunigi_coordinator"


class ResPartner(models.Model):
    _inherit = "res.partner"

    komunigi_community = fields.Selection(
        COMMUNITIES,
        string="komunigi Community",
        tracking=True,
        help="Users: client organisations of Coop IT Easy (cooperative supermarkets "
        "and others). Developers: the members of Coop IT Easy.",
    )
    komunigi_state = fields.Selection(
        KOMUNIGI_STATES,
        string="komunigi State",
        default="none",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    komunigi_admission_date = fields.Date(
        string="Admission Date", copy=False, tracking=True
    )
    komunigi_withdrawal_date = fields.Date(
        string="Withdrawal Date", copy=False, tracking=True
    )
    komunigi_withdrawal_reason = fields.Text(
        string="Withdrawal Reason", copy=False, tracking=True
    )
    komunigi_booklet_sent_date = fields.Date(
        string="Welcome Booklet Sent On",
        copy=False,
        tracking=True,
        help="Last day the welcome booklet was sent to this organisation by email.",
    )
    komunigi_check_ids = fields.One2many(
        "komunigi.admission.check",
        "partner_id",
        string="Admission Checklist",
    )
    komunigi_checklist_complete = fields.Boolean(
        string="Checklist Complete",
        compute="_compute_komunigi_checklist_complete",
        help="Every required join condition of the checklist is met.",
    )
    komunigi_mandate_ids = fields.One2many(
        "komunigi.mandate", "organisation_id", string="Core Team Mandates"
    )
    komunigi_mandate_count = fields.Integer(
        string="Core Team Mandate Count", compute="_compute_komunigi_mandate_count"
    )

    @api.depends("komunigi_check_ids.is_met", "komunigi_check_ids.required")
    def _compute_komunigi_checklist_complete(self):
        for partner in self:
            partner.komunigi_checklist_complete = not partner._komunigi_unmet_checks()

    def _compute_komunigi_mandate_count(self):
        groups = self.env["komunigi.mandate"]._read_group(
            [("organisation_id", "in", self.ids)],
            ["organisation_id"],
            ["organisation_id"],
        )
        counts = {g["organisation_id"][0]: g["organisation_id_count"] for g in groups}
        for partner in self:
            partner.komunigi_mandate_count = counts.get(partner.id, 0)

    # Protection of the membership fields

    def _komunigi_check_coordinator(self):
        if self.env.su or self.env.user.has_group(COORDINATOR_GROUP):
            return
        raise AccessError(
            _(
                "Only a komunigi coordinator can admit, withdraw or change the "
                "komunigi membership of an organisation."
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        if any(
            PROTECTED_FIELDS.intersection(
                k for k, v in vals.items() if v and v != "none"
            )
            for vals in vals_list
        ):
            self._komunigi_check_coordinator()
        return super().create(vals_list)

    def write(self, vals):
        if PROTECTED_FIELDS.intersection(vals):
            self._komunigi_check_coordinator()
        return super().write(vals)

    # Admission

    def _komunigi_unmet_checks(self):
        self.ensure_one()
        return self.komunigi_check_ids.filtered(
            lambda check: check.required and not check.is_met
        )

    def _komunigi_applicable_conditions(self):
        """The active join conditions of the community of this organisation."""
        self.ensure_one()
        return self.env["komunigi.join.condition"].search(
            [("community", "in", (False, self.komunigi_community))]
        )

    def _komunigi_missing_conditions(self):
        """Required join conditions of the community that have no line in the
        checklist (a line cannot be deleted, but a condition may be added after
        the candidate registered)."""
        self.ensure_one()
        return (
            self._komunigi_applicable_conditions().filtered("required")
            - self.komunigi_check_ids.condition_id
        )

    def _komunigi_check_organisation(self):
        for partner in self:
            if not partner.is_company:
                raise UserError(
                    _(
                        "%(partner)s is a person: only organisations can be "
                        "komunigi members.",
                        partner=partner.display_name,
                    )
                )
            if not partner.komunigi_community:
                raise UserError(
                    _(
                        "Choose the komunigi community of %(partner)s first.",
                        partner=partner.display_name,
                    )
                )

    def action_komunigi_make_candidate(self):
        """Register organisations as candidates and give them their checklist."""
        self._komunigi_check_coordinator()
        self._komunigi_check_organisation()
        for partner in self:
            if partner.komunigi_state == "member":
                raise UserError(
                    _(
                        "%(partner)s is already a komunigi member.",
                        partner=partner.display_name,
                    )
                )
        self.write(
            {
                "komunigi_state": "candidate",
                "komunigi_withdrawal_date": False,
                "komunigi_withdrawal_reason": False,
            }
        )
        self.action_komunigi_refresh_checklist()
        return True

    def action_komunigi_refresh_checklist(self):
        """Add the active join conditions of their community missing from the
        checklists (and drop unmet lines of conditions no longer applying)."""
        self._komunigi_check_coordinator()
        Check = self.env["komunigi.admission.check"]
        for partner in self:
            applicable = partner._komunigi_applicable_conditions()
            present = partner.komunigi_check_ids.condition_id
            Check.create(
                [
                    {"partner_id": partner.id, "condition_id": condition.id}
                    for condition in applicable - present
                ]
            )
            partner.komunigi_check_ids.filtered(
                lambda c, a=applicable: c.condition_id not in a and not c.is_met
            ).unlink()
        return True

    def action_komunigi_admit(self):
        """Admit candidates once every required join condition is met, then
        send them the welcome booklet."""
        self._komunigi_check_coordinator()
        self._komunigi_check_organisation()
        for partner in self:
            if partner.komunigi_state != "candidate":
                raise UserError(
                    _(
                        "Only candidates can be admitted: %(partner)s is not a "
                        "candidate.",
                        partner=partner.display_name,
                    )
                )
            unmet = (
                partner._komunigi_unmet_checks().condition_id
                | partner._komunigi_missing_conditions()
            )
            if unmet:
                raise UserError(
                    _(
                        "%(partner)s cannot be admitted yet: these required join "
                        "conditions are not met: %(conditions)s.",
                        partner=partner.display_name,
                        conditions=", ".join(unmet.mapped("name")),
                    )
                )
        self.write(
            {
                "komunigi_state": "member",
                "komunigi_admission_date": fields.Date.context_today(self),
                "komunigi_withdrawal_date": False,
                "komunigi_withdrawal_reason": False,
            }
        )
        self._komunigi_send_booklet()
        # Newly admitted members are invited to every future assembly.
        self.env["calendar.event"]._komunigi_future_assemblies()._komunigi_invite(
            self.sudo()._komunigi_delegates()
        )
        return True

    def action_komunigi_withdraw(self):
        """Withdraw members (or candidates): their active core team mandates end
        today and their draft mandates are cancelled."""
        self._komunigi_check_coordinator()
        for partner in self:
            if partner.komunigi_state not in ("candidate", "member"):
                raise UserError(
                    _(
                        "%(partner)s is neither a member nor a candidate of "
                        "komunigi: there is nothing to withdraw.",
                        partner=partner.display_name,
                    )
                )
        mandates = self.env["komunigi.mandate"].search(
            [("organisation_id", "in", self.ids), ("state", "in", ("draft", "active"))]
        )
        mandates.filtered(lambda m: m.state == "draft").action_cancel()
        mandates.filtered(lambda m: m.state == "active").action_end()
        self.write(
            {
                "komunigi_state": "withdrawn",
                "komunigi_withdrawal_date": fields.Date.context_today(self),
            }
        )
        self.env["calendar.event"]._komunigi_future_assemblies()._komunigi_uninvite(
            self
        )
        return True

    def action_komunigi_open_withdraw_wizard(self):
        self._komunigi_check_coordinator()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "komunigi_membership.komunigi_withdraw_wizard_action"
        )
        action["context"] = {"default_partner_ids": self.ids}
        return action

    def _komunigi_delegates(self):
        """The people who represent these organisations at the assemblies:
        their contacts with an email address (the organisation itself when it
        has none)."""
        delegates = self.browse()
        for organisation in self:
            contacts = organisation.child_ids.filtered(
                lambda c: c.type == "contact" and c.email
            )
            delegates |= contacts or organisation
        return delegates

    # Welcome booklet

    def _komunigi_send_booklet(self):
        """Mail the welcome booklet (PDF attached) to each organisation.

        Delivery never undoes what called it (an admission): when the booklet
        cannot be rendered or mailed, the failure is posted on the
        organisation's chatter with an activity for the coordinator, and the
        booklet is not marked as sent. The sent date is set when the mail
        server accepted the mail (``mail.mail._postprocess_sent_message``).

        :return: the organisations whose booklet was handed to the mail queue
        """
        template = self.env.ref("komunigi_membership.mail_template_komunigi_booklet")
        subtype = self.env.ref("komunigi_membership.mt_komunigi_booklet")
        queued = self.browse()
        for partner in self:
            try:
                with self.env.cr.savepoint():
                    partner.message_post_with_template(
                        template.id,
                        composition_mode="comment",
                        subtype_id=subtype.id,
                    )
            except Exception as error:  # pylint: disable=broad-except
                # Rendering the PDF or the mail can fail in many ways (no
                # wkhtmltopdf, a broken template, a mail server refusing the
                # mail at once): none of them may undo the admission.
                _logger.exception(
                    "The welcome booklet of partner %s could not be sent", partner.id
                )
                partner._komunigi_booklet_failed(str(error), self.env.user)
                continue
            queued |= partner
        return queued

    def _komunigi_booklet_failed(self, reason, user):
        """Say on the chatter that the booklet was not sent and ask ``user``
        (or a coordinator) to send it again."""
        if user._is_superuser() or not user.has_group(COORDINATOR_GROUP):
            coordinators = (
                self.env.ref(COORDINATOR_GROUP)
                .sudo()
                .users.filtered(lambda u: not u._is_superuser())
            )
            user = coordinators[:1] or user
        activity_type = self.env.ref(
            "komunigi_membership.mail_activity_type_send_booklet"
        )
        for partner in self.sudo():
            partner.message_post(
                body=_(
                    "The welcome booklet could not be sent to %(partner)s: "
                    "%(reason)s. Send it again with the Send Welcome Booklet "
                    "button once the problem is solved.",
                    partner=partner.display_name,
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
            partner.activity_schedule(
                activity_type_id=activity_type.id,
                user_id=user.id,
                note=reason,
            )

    def _komunigi_booklet_delivered(self):
        """The mail server accepted the booklet: record the day and close the
        activities asking to send it again."""
        self.sudo().write(
            {"komunigi_booklet_sent_date": fields.Date.context_today(self)}
        )
        self.sudo().activity_feedback(
            ["komunigi_membership.mail_activity_type_send_booklet"],
            feedback=_("The welcome booklet was sent."),
        )

    def action_komunigi_send_booklet(self):
        """Send the welcome booklet of these organisations again."""
        self._komunigi_check_coordinator()
        queued = self._komunigi_send_booklet()
        failed = self - queued
        if failed:
            message = _(
                "The welcome booklet could not be sent to %(partners)s: the "
                "reason is on their chatter.",
                partners=", ".join(failed.mapped("display_name")),
            )
        else:
            message = _(
                "The welcome booklet is on its way to %(partners)s.",
                partners=", ".join(queued.mapped("display_name")),
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "warning" if failed else "success",
                "sticky": bool(failed),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_komunigi_print_booklet(self):
        return self.env.ref(
            "komunigi_membership.action_report_komunigi_booklet"
        ).report_action(self)

    def action_komunigi_view_mandates(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "komunigi_membership.komunigi_mandate_action"
        )
        action["domain"] = [("organisation_id", "=", self.id)]
        action["context"] = {"default_organisation_id": self.id}
        return action
