# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

import math
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date, format_time

CORE_TEAM_GROUP = "komunigi_membership.group_komunigi_core_team"
# Assembly fields only the core team (and coordinators) may change.
# what only the core team writes (the dates of the convocation and of the
# minutes too: the daily job convenes an assembly that has none)
ASSEMBLY_FIELDS = {
    "is_komunigi_assembly",
    "komunigi_agenda",
    "komunigi_minutes",
    "komunigi_convened_date",
    "komunigi_minutes_sent_date",
}


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    is_komunigi_assembly = fields.Boolean(
        string="komunigi Assembly",
        help="This event is a monthly intercoop assembly of komunigi.",
    )
    komunigi_agenda = fields.Html(string="Agenda", copy=False)
    komunigi_minutes = fields.Html(string="Minutes", copy=False)
    komunigi_proposal_ids = fields.One2many(
        "komunigi.proposal", "assembly_id", string="Proposals"
    )
    komunigi_mandate_ids = fields.One2many(
        "komunigi.mandate", "assembly_id", string="Elected Core Team Members"
    )
    komunigi_convened_date = fields.Date(
        string="Convened On",
        copy=False,
        readonly=True,
        help="Day the agenda was built and the convocation queued to the "
        "delegates of the member organisations.",
    )
    komunigi_minutes_sent_date = fields.Date(
        string="Minutes Sent On", copy=False, readonly=True
    )
    komunigi_organisation_ids = fields.Many2many(
        "res.partner",
        string="Represented Organisations",
        compute="_compute_komunigi_organisation_ids",
        help="Member organisations of the attendees.",
    )

    @api.depends("partner_ids.commercial_partner_id.komunigi_state")
    def _compute_komunigi_organisation_ids(self):
        for event in self:
            organisations = event.partner_ids.commercial_partner_id
            event.komunigi_organisation_ids = organisations.filtered(
                lambda p: p.komunigi_state == "member"
            )

    def name_get(self):
        """Assemblies are named with their day and time (in the reader's time
        zone, without seconds): the occurrences of a recurring assembly share
        their name and must be told apart in pickers and mails."""
        result = dict(super().name_get())
        for event in self.filtered(lambda e: e.is_komunigi_assembly and e.start):
            result[event.id] = _(
                "%(name)s, %(when)s", name=result[event.id], when=event._komunigi_when()
            )
        return list(result.items())

    def _komunigi_tz(self):
        """The time zone to show the assembly in: the reader's, else the
        assembly's own."""
        self.ensure_one()
        return (
            self.env.context.get("tz")
            or self.env.user.tz
            or self.event_tz
            or self.user_id.tz
            or "UTC"
        )

    def _komunigi_when(self):
        """Day and time of the start of the assembly, for the reader."""
        self.ensure_one()
        if self.allday:
            return format_date(self.env, self.start_date)
        tz = self._komunigi_tz()
        local = fields.Datetime.context_timestamp(self.with_context(tz=tz), self.start)
        return "%s %s" % (
            format_date(self.env, local.date()),
            format_time(self.env, local.time(), time_format="short"),
        )

    @api.model
    def _komunigi_next_assembly(self):
        """The next intercoop assembly (none when none is planned)."""
        return self.sudo().search(
            [
                ("is_komunigi_assembly", "=", True),
                ("start", ">", fields.Datetime.now()),
            ],
            order="start",
            limit=1,
        )

    def _komunigi_portal_proposals(self):
        """The proposals members read on the portal: those the core team has
        made ready (drafts stay with the core team)."""
        self.ensure_one()
        return self.komunigi_proposal_ids.filtered(lambda p: p.state != "draft")

    def _komunigi_check_core_team(self, vals_list):
        if self.env.su or self.env.user.has_group(CORE_TEAM_GROUP):
            return
        if any(
            ASSEMBLY_FIELDS.intersection(k for k, v in vals.items() if v)
            for vals in vals_list
        ):
            raise AccessError(
                _(
                    "Only the komunigi core team can prepare the intercoop "
                    "assemblies, their agenda and their minutes."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._komunigi_check_core_team(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if self.filtered("is_komunigi_assembly") and ASSEMBLY_FIELDS.intersection(vals):
            self._komunigi_check_core_team(
                [dict.fromkeys(ASSEMBLY_FIELDS & set(vals), True)]
            )
        else:
            self._komunigi_check_core_team([vals])
        return super().write(vals)

    def action_komunigi_invite_members(self):
        """Invite the delegates of the member organisations."""
        self._komunigi_check_core_team([{"is_komunigi_assembly": True}])
        members = self.env["res.partner"].search(
            [("is_company", "=", True), ("komunigi_state", "=", "member")]
        )
        # assemblies only: not any event whose id is sent
        self.filtered("is_komunigi_assembly").sudo()._komunigi_invite(
            members._komunigi_delegates()
        )
        return True

    # Assembly cockpit

    @api.model
    def _komunigi_future_assemblies(self):
        return self.sudo().search(
            [("is_komunigi_assembly", "=", True), ("start", ">", fields.Datetime.now())]
        )

    def _komunigi_invite(self, partners):
        """Add ``partners`` to the attendees; an assembly already convened
        sends them its convocation."""
        for event in self:
            new = partners - event.partner_ids
            if not new:
                continue
            event.with_context(no_mail_to_attendees=True).write(
                {"partner_ids": [fields.Command.link(p.id) for p in new]}
            )
            if event.komunigi_convened_date:
                event._komunigi_send_to_attendees(
                    "komunigi_membership.mail_template_komunigi_convocation",
                    event.attendee_ids.filtered(lambda a, n=new: a.partner_id in n),
                )

    def _komunigi_uninvite(self, organisations):
        """Remove the people of ``organisations`` from the attendees."""
        for event in self:
            leaving = event.partner_ids.filtered(
                lambda p: p.commercial_partner_id in organisations
            )
            if leaving:
                event.with_context(no_mail_to_attendees=True).write(
                    {"partner_ids": [fields.Command.unlink(p.id) for p in leaving]}
                )

    @api.model
    def _komunigi_convocation_days(self):
        return int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("komunigi_membership.convocation_days", 7)
        )

    @api.model
    def _komunigi_quorum_percent(self):
        return int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("komunigi_membership.quorum_percent", 50)
        )

    @api.model
    def _cron_komunigi_assemblies(self):
        """The set number of days before each assembly: build its agenda and
        queue its convocation (once)."""
        now = fields.Datetime.now()
        limit = now + timedelta(days=self._komunigi_convocation_days())
        self.sudo().search(
            [
                ("is_komunigi_assembly", "=", True),
                ("komunigi_convened_date", "=", False),
                ("start", ">", now),
                ("start", "<=", limit),
            ]
        )._komunigi_convene()

    def _komunigi_convene(self):
        """Build the agenda, invite the member organisations, set the
        reminder and queue the convocation to every delegate."""
        alarm = self.env.ref("komunigi_membership.alarm_komunigi_assembly")
        members = (
            self.env["res.partner"]
            .sudo()
            .search([("is_company", "=", True), ("komunigi_state", "=", "member")])
        )
        for event in self.sudo():
            event._komunigi_attach_ready_proposals()
            # Invited before being convened: the convocation goes once, below.
            event._komunigi_invite(members._komunigi_delegates())
            event.write(
                {
                    "komunigi_agenda": event._komunigi_render_agenda(),
                    "alarm_ids": [fields.Command.link(alarm.id)],
                    "komunigi_convened_date": fields.Date.context_today(event),
                }
            )
            event._komunigi_send_to_attendees(
                "komunigi_membership.mail_template_komunigi_convocation",
                event._komunigi_delegate_attendees(),
            )
        return True

    def _komunigi_delegate_attendees(self):
        self.ensure_one()
        return self.attendee_ids.filtered(
            lambda a: a.partner_id.commercial_partner_id.komunigi_state == "member"
        )

    def _komunigi_attach_ready_proposals(self):
        """Ready proposals not yet put on an assembly go to this one."""
        self.ensure_one()
        self.env["komunigi.proposal"].sudo().search(
            [("state", "=", "ready"), ("assembly_id", "=", False)]
        ).write({"assembly_id": self.id})

    def _komunigi_agenda_lines(self):
        """The items of the agenda, as dicts ``{"section", "sequence",
        "text"}``: the ready proposals, the mandates ending within 60 days
        and the candidates to welcome. Other addons add theirs (the requests
        looking for co-funders, last month's hours report) by extending this
        method."""
        self.ensure_one()
        lines = [
            {"section": _("Proposals"), "sequence": 10, "text": proposal.name}
            for proposal in self.komunigi_proposal_ids.filtered(
                lambda p: p.state == "ready"
            )
        ]
        day = fields.Datetime.to_datetime(self.start).date()
        ending = (
            self.env["komunigi.mandate"]
            .sudo()
            .search(
                [
                    ("state", "=", "active"),
                    ("date_end", "<=", day + timedelta(days=60)),
                ],
                order="date_end",
            )
        )
        lines += [
            {
                "section": _("Core team mandates ending within 60 days"),
                "sequence": 20,
                "text": _(
                    "%(mandate)s, until %(day)s",
                    mandate=mandate.name,
                    day=format_date(self.env, mandate.date_end),
                ),
            }
            for mandate in ending
        ]
        candidates = (
            self.env["res.partner"]
            .sudo()
            .search(
                [("is_company", "=", True), ("komunigi_state", "=", "candidate")],
                order="name",
            )
        )
        lines += [
            {
                "section": _("Candidates to welcome"),
                "sequence": 30,
                "text": candidate.name,
            }
            for candidate in candidates
        ]
        return lines

    def _komunigi_render_agenda(self):
        """The agenda as HTML, in the language of the organiser."""
        self.ensure_one()
        event = self.with_context(lang=self.user_id.lang or self.env.lang)
        lines = sorted(
            event._komunigi_agenda_lines(), key=lambda line: line["sequence"]
        )
        sections = []
        for line in lines:
            if not sections or sections[-1][0] != line["section"]:
                sections.append((line["section"], []))
            sections[-1][1].append(line["text"])
        return self.env["ir.qweb"]._render(
            "komunigi_membership.komunigi_assembly_agenda", {"sections": sections}
        )

    def _komunigi_send_to_attendees(self, template_xmlid, attendees):
        """Queue the mail of ``template_xmlid`` to each attendee, rendered in
        the attendee's language."""
        template = self.env.ref(template_xmlid).sudo()
        for attendee in attendees.filtered("partner_id.email"):
            template.send_mail(attendee.id, force_send=False)
        return True

    def action_komunigi_send_minutes(self):
        """Mail the minutes to the attendees."""
        self._komunigi_check_core_team([{"komunigi_minutes": True}])
        for event in self.filtered("is_komunigi_assembly"):
            if not event.komunigi_minutes:
                raise UserError(
                    _(
                        "Write the minutes of %(assembly)s before sending them.",
                        assembly=event.display_name,
                    )
                )
        for event in self.filtered("is_komunigi_assembly").sudo():
            event._komunigi_send_to_attendees(
                "komunigi_membership.mail_template_komunigi_minutes",
                event.attendee_ids,
            )
            event.komunigi_minutes_sent_date = fields.Date.context_today(event)
        return True

    def action_komunigi_convene(self):
        """Build the agenda and queue the convocation now."""
        self._komunigi_check_core_team([{"komunigi_agenda": True}])
        return self.filtered("is_komunigi_assembly")._komunigi_convene()

    def _komunigi_quorum(self):
        """The number of member organisations that must vote for a decision."""
        members = (
            self.env["res.partner"]
            .sudo()
            .search_count(
                [("is_company", "=", True), ("komunigi_state", "=", "member")]
            )
        )
        return max(1, math.ceil(members * self._komunigi_quorum_percent() / 100))
