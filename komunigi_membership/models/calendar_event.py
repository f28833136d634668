# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

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
