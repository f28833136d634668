# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import format_date, format_time

CORE_TEAM_GROUP = "komunigi_membership.group_komunigi_core_team"
# Assembly fields only the core team (and coordinators) may change.
ASSEMBLY_FIELDS = {"is_komunigi_assembly", "komunigi_agenda", "komunigi_minutes"}


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
        """Invite the contacts of the member organisations (the organisation
        itself when it has no contact with an email address)."""
        self._komunigi_check_core_team([{"is_komunigi_assembly": True}])
        members = self.env["res.partner"].search(
            [("is_company", "=", True), ("komunigi_state", "=", "member")]
        )
        invitees = self.env["res.partner"]
        for organisation in members:
            contacts = organisation.child_ids.filtered(
                lambda c: c.type == "contact" and c.email
            )
            invitees |= contacts or organisation
        for event in self:
            event.partner_ids = [(4, partner.id) for partner in invitees]
        return True
