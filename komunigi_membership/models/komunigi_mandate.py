# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

from .res_partner import COMMUNITIES


class KomunigiMandate(models.Model):
    """A seat in the komunigi core team ("noyau"), held by a person of a member
    organisation from a start date to an end date (both included)."""

    _name = "komunigi.mandate"
    _description = "komunigi Core Team Mandate"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        help="The coordinator of the community whose records these are.",
    )
    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        tracking=True,
        check_company=True,
        domain="[('is_company', '=', False), ('parent_id', '=', organisation_id)]",
    )
    organisation_id = fields.Many2one(
        "res.partner",
        required=True,
        tracking=True,
        check_company=True,
        index=True,
        domain=[("is_company", "=", True), ("komunigi_state", "=", "member")],
    )
    community = fields.Selection(
        related="organisation_id.komunigi_community",
        store=True,
    )
    date_start = fields.Date(
        string="Start", required=True, tracking=True, default=fields.Date.context_today
    )
    date_end = fields.Date(
        string="End",
        required=True,
        tracking=True,
        help="Last day of the mandate.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("active", "Active"),
            ("ended", "Ended"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    assembly_id = fields.Many2one(
        "calendar.event",
        string="Elected by Assembly",
        domain=[("is_komunigi_assembly", "=", True)],
        tracking=True,
        help="The intercoop assembly that elected this core team member.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        help="Coordinator who prepares the next election of this seat.",
    )
    election_activity_date = fields.Date(
        string="Election Prepared On",
        copy=False,
        readonly=True,
        help="Day the activity to prepare the election of the next core team "
        "member was scheduled.",
    )
    seat_warning = fields.Char(compute="_compute_seat_warning")
    is_ending_soon = fields.Boolean(
        string="Ending Soon",
        compute="_compute_is_ending_soon",
        search="_search_is_ending_soon",
        help="The mandate is active and ends within the election notice of its "
        "community: the election of the next core team member is due.",
    )

    @api.depends("partner_id", "organisation_id")
    def _compute_name(self):
        for mandate in self:
            mandate.name = _(
                "%(person)s (%(organisation)s)",
                person=mandate.partner_id.name or "",
                organisation=mandate.organisation_id.name or "",
            )

    @api.depends("community", "state")
    def _compute_seat_warning(self):
        counts = self._active_seat_counts()
        for mandate in self:
            if not mandate.community:
                mandate.seat_warning = False
                continue
            rule = self.env["komunigi.community.rule"]._for_community(mandate.community)
            mandate.seat_warning = rule._seat_warning_message(
                counts.get(mandate.community, 0)
            )

    @api.model
    def _ending_soon_domain(self):
        """Active mandates ending within the election notice of their
        community (one date limit per community)."""
        today = fields.Date.context_today(self)
        domains = []
        for community, __ in COMMUNITIES:
            rule = self.env["komunigi.community.rule"]._for_community(community)
            limit = today + timedelta(days=rule.election_notice_days)
            domains.append([("community", "=", community), ("date_end", "<=", limit)])
        return expression.AND([[("state", "=", "active")], expression.OR(domains)])

    def _compute_is_ending_soon(self):
        ending = self.filtered_domain(self._ending_soon_domain())
        for mandate in self:
            mandate.is_ending_soon = mandate in ending

    def _search_is_ending_soon(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Operation not supported"))
        domain = self._ending_soon_domain()
        if (operator == "=") != value:
            domain = ["!"] + expression.normalize_domain(domain)
        return domain

    @api.onchange("organisation_id")
    def _onchange_organisation_id(self):
        if self.partner_id.commercial_partner_id != self.organisation_id:
            self.partner_id = False

    @api.onchange("date_start", "organisation_id")
    def _onchange_date_start(self):
        if self.date_start and self.community and not self.date_end:
            rule = self.env["komunigi.community.rule"]._for_community(self.community)
            if rule.mandate_max_months:
                self.date_end = self._longest_end(
                    self.date_start, rule.mandate_max_months
                )

    @api.model
    def _longest_end(self, date_start, months):
        """Last day of a mandate starting on date_start that lasts months."""
        return date_start + relativedelta(months=months) - timedelta(days=1)

    @api.model
    def _active_seat_counts(self):
        groups = self.sudo()._read_group(
            [("state", "=", "active")], ["community"], ["community"]
        )
        return {g["community"]: g["community_count"] for g in groups}

    # Constraints

    @api.constrains("date_start", "date_end", "organisation_id")
    def _check_dates(self):
        for mandate in self:
            if mandate.date_end < mandate.date_start:
                raise ValidationError(
                    _(
                        "The mandate of %(mandate)s cannot end before it starts.",
                        mandate=mandate.name,
                    )
                )
            rule = self.env["komunigi.community.rule"]._for_community(mandate.community)
            months = rule.mandate_max_months
            if months and mandate.date_end > self._longest_end(
                mandate.date_start, months
            ):
                raise ValidationError(
                    _(
                        "A core team mandate of the %(community)s community lasts at "
                        "most %(months)s months: the mandate of %(mandate)s starting "
                        "on %(start)s must end on %(last_day)s at the latest.",
                        community=rule._community_label(),
                        months=months,
                        mandate=mandate.name,
                        start=mandate.date_start,
                        last_day=self._longest_end(mandate.date_start, months),
                    )
                )

    @api.constrains("organisation_id", "partner_id", "state")
    def _check_member_organisation(self):
        for mandate in self:
            if mandate.state not in ("draft", "active"):
                continue
            if mandate.organisation_id.komunigi_state != "member":
                raise ValidationError(
                    _(
                        "Only member organisations sit on the core team: "
                        "%(organisation)s is not a komunigi member.",
                        organisation=mandate.organisation_id.display_name,
                    )
                )
            if mandate.partner_id.commercial_partner_id != mandate.organisation_id:
                raise ValidationError(
                    _(
                        "%(person)s does not belong to %(organisation)s.",
                        person=mandate.partner_id.display_name,
                        organisation=mandate.organisation_id.display_name,
                    )
                )

    @api.constrains("state", "organisation_id")
    def _check_seats(self):
        communities = set(
            self.filtered(lambda m: m.state == "active").mapped("community")
        )
        if not communities:
            return
        counts = self._active_seat_counts()
        for community in communities:
            rule = self.env["komunigi.community.rule"]._for_community(community)
            if counts.get(community, 0) > rule.seats_max:
                raise ValidationError(
                    _(
                        "The %(community)s community has at most %(maximum)s core "
                        "team seats and they are all taken: end a mandate first.",
                        community=rule._community_label(),
                        maximum=rule.seats_max,
                    )
                )

    def write(self, vals):
        if vals.get("date_end"):
            # A new end date calls for a new election preparation.
            vals = dict(vals, election_activity_date=False)
        return super().write(vals)

    # Actions

    def action_activate(self):
        self.write({"state": "active"})
        return True

    def action_end(self):
        today = fields.Date.context_today(self)
        for mandate in self:
            values = {"state": "ended"}
            if mandate.date_end > today:
                values["date_end"] = max(today, mandate.date_start)
            mandate.write(values)
        return True

    def action_cancel(self):
        self.write({"state": "cancelled"})
        return True

    def action_draft(self):
        self.write({"state": "draft"})
        return True

    # Daily job

    @api.model
    def _cron_komunigi_mandates(self):
        """End the mandates whose last day has passed and, a few days before a
        mandate ends, schedule (once) the preparation of the next election."""
        today = fields.Date.context_today(self)
        self.search([("state", "=", "active"), ("date_end", "<", today)]).action_end()
        candidates = self.search(
            [("state", "=", "active"), ("election_activity_date", "=", False)]
        )
        for mandate in candidates:
            rule = self.env["komunigi.community.rule"]._for_community(mandate.community)
            if mandate.date_end - timedelta(days=rule.election_notice_days) <= today:
                mandate._schedule_election_activity()

    def _schedule_election_activity(self):
        self.ensure_one()
        user = self.user_id if self.user_id.active else self.env.user
        self.activity_schedule(
            "komunigi_membership.mail_activity_type_prepare_election",
            date_deadline=self.date_end,
            summary=_(
                "Prepare the election of the successor of %(mandate)s",
                mandate=self.name,
            ),
            user_id=user.id,
        )
        self.election_activity_date = fields.Date.context_today(self)
