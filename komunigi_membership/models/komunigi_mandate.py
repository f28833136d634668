# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import format_date

from .res_partner import COMMUNITIES, COORDINATOR_GROUP

# The states in which a mandate holds its seat on its dates.
SEAT_STATES = ("elected", "active")


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
            ("elected", "Elected"),
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
    predecessor_id = fields.Many2one(
        "komunigi.mandate",
        string="Successor of",
        check_company=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        help="The mandate whose seat this one takes: elected in advance, it "
        "starts the day after the predecessor's last day, activated by the daily "
        "job.",
    )
    successor_ids = fields.One2many(
        "komunigi.mandate", "predecessor_id", string="Successors"
    )
    candidature_ids = fields.One2many(
        "komunigi.candidature", "seat_id", string="Candidatures"
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        help="Coordinator who prepares the next election of this seat.",
    )
    vacated_early = fields.Boolean(
        copy=False,
        readonly=True,
        help="The mandate ended before its term: its seat waits for a " "by-election.",
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

    @api.model
    def _seat_holding_domain(self):
        """Mandates that hold a seat on their dates: the active ones and the
        ones elected in advance."""
        return [("state", "in", SEAT_STATES)]

    @api.model
    def _most_seats_taken(self, mandates, date_start, date_end):
        """The largest number of ``mandates`` holding a seat on one day between
        date_start and date_end (both included), and the first such day.

        The count only changes on a start date, so the days to look at are
        date_start and the start dates within the period."""
        days = {date_start} | {
            m.date_start for m in mandates if date_start < m.date_start <= date_end
        }
        best = (0, date_start)
        for day in sorted(days):
            count = len(
                mandates.filtered(lambda m, d=day: m.date_start <= d <= m.date_end)
            )
            if count > best[0]:
                best = (count, day)
        return best

    def _seat_check_period(self):
        """The days a seat is checked for: from today (or the start, if later)
        to the end. The past cannot be changed any more."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        return max(self.date_start, today), self.date_end

    @api.constrains("state", "organisation_id", "partner_id", "date_start", "date_end")
    def _check_seats(self):
        """Seats are counted by date: on no day may more mandates hold a seat
        than the community's maximum, nor more than the caps per organisation
        and per person."""
        holding = self.filtered(lambda m: m.state in SEAT_STATES)
        if not holding:
            return
        Rule = self.env["komunigi.community.rule"]
        others = self.sudo().search(
            self._seat_holding_domain()
            + [("community", "in", list(set(holding.mapped("community"))))]
        )
        for mandate in holding:
            start, end = mandate._seat_check_period()
            if end < start:
                continue
            rule = Rule._for_community(mandate.community)
            same_community = others.filtered(
                lambda m, c=mandate.community: m.community == c
            )
            count, day = self._most_seats_taken(same_community, start, end)
            if count > rule.seats_max:
                raise ValidationError(
                    _(
                        "The %(community)s community has at most %(maximum)s core "
                        "team seats and they are all taken on %(day)s: end a "
                        "mandate first.",
                        community=rule._community_label(),
                        maximum=rule.seats_max,
                        day=format_date(self.env, day),
                    )
                )
            if rule.seats_per_organisation:
                count, day = self._most_seats_taken(
                    same_community.filtered(
                        lambda m, o=mandate.organisation_id: m.organisation_id == o
                    ),
                    start,
                    end,
                )
                if count > rule.seats_per_organisation:
                    raise ValidationError(
                        _(
                            "%(organisation)s may hold at most %(maximum)s core "
                            "team seat(s) at a time and would hold %(count)s on "
                            "%(day)s.",
                            organisation=mandate.organisation_id.display_name,
                            maximum=rule.seats_per_organisation,
                            count=count,
                            day=format_date(self.env, day),
                        )
                    )
            if rule.seats_per_person:
                count, day = self._most_seats_taken(
                    others.filtered(lambda m, p=mandate.partner_id: m.partner_id == p),
                    start,
                    end,
                )
                if count > rule.seats_per_person:
                    raise ValidationError(
                        _(
                            "%(person)s may hold at most %(maximum)s core team "
                            "seat(s) at a time and would hold %(count)s on %(day)s.",
                            person=mandate.partner_id.name,
                            maximum=rule.seats_per_person,
                            count=count,
                            day=format_date(self.env, day),
                        )
                    )

    @api.constrains("state", "partner_id", "date_start", "date_end")
    def _check_consecutive_mandates(self):
        """A person serves at most the community's number of consecutive
        mandates: a mandate starting before the cooling-off period after the
        previous one has ended follows it."""
        for mandate in self.filtered(lambda m: m.state in SEAT_STATES + ("ended",)):
            rule = self.env["komunigi.community.rule"]._for_community(mandate.community)
            if not rule.max_consecutive_mandates:
                continue
            previous = self.sudo().search(
                [
                    ("partner_id", "=", mandate.partner_id.id),
                    ("community", "=", mandate.community),
                    ("state", "in", SEAT_STATES + ("ended",)),
                    ("id", "!=", mandate.id),
                    ("date_end", "<", mandate.date_start),
                ],
                order="date_end desc",
            )
            chain, current = 1, mandate
            for before in previous:
                if current.date_start >= rule._cooling_off_free_day(before.date_end):
                    break
                chain, current = chain + 1, before
            if chain > rule.max_consecutive_mandates:
                raise ValidationError(
                    _(
                        "%(person)s would serve %(count)s consecutive core team "
                        "mandates, more than the %(maximum)s allowed: after "
                        "%(months)s months of cooling-off, a new mandate can start "
                        "on %(day)s.",
                        person=mandate.partner_id.name,
                        count=chain,
                        maximum=rule.max_consecutive_mandates,
                        months=rule.cooling_off_months,
                        day=format_date(
                            self.env, rule._cooling_off_free_day(previous[0].date_end)
                        ),
                    )
                )

    @api.constrains("predecessor_id", "date_start", "organisation_id")
    def _check_predecessor(self):
        for mandate in self.filtered("predecessor_id"):
            predecessor = mandate.predecessor_id
            if predecessor.community != mandate.community:
                raise ValidationError(
                    _(
                        "%(mandate)s cannot succeed %(predecessor)s: their seats "
                        "belong to different communities.",
                        mandate=mandate.name,
                        predecessor=predecessor.name,
                    )
                )
            if (
                predecessor.state == "active"
                and mandate.date_start != predecessor.date_end + timedelta(days=1)
            ):
                raise ValidationError(
                    _(
                        "The successor of %(predecessor)s starts the day after "
                        "the predecessor's last day: on %(day)s.",
                        predecessor=predecessor.name,
                        day=format_date(
                            self.env, predecessor.date_end + timedelta(days=1)
                        ),
                    )
                )

    def write(self, vals):
        if vals.get("date_end"):
            # A new end date calls for a new election preparation.
            vals = dict(vals, election_activity_date=False)
        return super().write(vals)

    # Actions

    @api.onchange("predecessor_id")
    def _onchange_predecessor_id(self):
        if self.predecessor_id:
            self.date_start = self.predecessor_id.date_end + timedelta(days=1)
            self.date_end = False
            self._onchange_date_start()

    def action_activate(self):
        self.write({"state": "active"})
        return True

    def action_elect(self):
        """Elected in advance: the mandate holds its seat from its start date,
        when the daily job activates it."""
        self.write({"state": "elected"})
        return True

    def action_end(self):
        """End the mandates today. One ending before its term leaves its seat
        vacant: a by-election is scheduled."""
        today = fields.Date.context_today(self)
        early = self.browse()
        for mandate in self:
            values = {"state": "ended"}
            if mandate.date_end > today:
                values["date_end"] = max(today, mandate.date_start)
                values["vacated_early"] = True
                early |= mandate
            mandate.write(values)
        early._schedule_by_election()
        return True

    def action_cancel(self):
        self.write({"state": "cancelled"})
        return True

    def action_draft(self):
        self.write({"state": "draft"})
        return True

    @api.model
    def _komunigi_public_seats(self):
        """What the public core team page shows of the current seats: plain
        values only (never the records), so that nothing private leaks."""
        today = fields.Date.context_today(self)
        mandates = self.sudo().search(
            [
                ("state", "=", "active"),
                ("date_start", "<=", today),
                ("date_end", ">=", today),
            ],
            order="community desc, date_start, id",
        )
        labels = dict(self._fields["community"]._description_selection(self.env))
        return [
            {
                "person": mandate.partner_id.name,
                "organisation": mandate.organisation_id.name,
                "community": labels.get(mandate.community, ""),
                "start": format_date(self.env, mandate.date_start),
                "end": format_date(self.env, mandate.date_end),
                "successor": mandate.successor_ids.filtered(
                    lambda s: s.state == "elected"
                )[:1].partner_id.name
                or "",
            }
            for mandate in mandates
        ]

    # Daily job

    @api.model
    def _cron_komunigi_mandates(self):
        """End the mandates whose last day has passed and, a few days before a
        mandate ends, schedule (once) the preparation of the next election."""
        today = fields.Date.context_today(self)
        self.search([("state", "=", "active"), ("date_end", "<", today)]).action_end()
        # Successors elected in advance take their seat the day after their
        # predecessor's last day.
        self.search(
            [
                ("state", "=", "elected"),
                ("date_start", "<=", today),
                ("date_end", ">=", today),
            ]
        ).action_activate()
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

    def _schedule_by_election(self):
        """An early vacancy: ask the coordinators to organise a by-election
        and put it on the agenda of the next assembly."""
        coordinators = (
            self.env.ref(COORDINATOR_GROUP)
            .sudo()
            .users.filtered(lambda u: not u._is_superuser() and u.active)
        )
        Proposal = self.env["komunigi.proposal"].sudo()
        for mandate in self.sudo():
            users = (
                coordinators.filtered(
                    lambda u, m=mandate: m.company_id in u.company_ids
                )
                or self.env.user
            )
            summary = _(
                "Organise the by-election of the seat left vacant by %(mandate)s "
                "on %(day)s",
                mandate=mandate.name,
                day=format_date(self.env, mandate.date_end),
            )
            for user in users:
                mandate.activity_schedule(
                    "komunigi_membership.mail_activity_type_by_election",
                    summary=summary,
                    user_id=user.id,
                )
            assembly = self.env["calendar.event"]._komunigi_next_assembly()
            Proposal.create(
                {
                    "company_id": mandate.company_id.id,
                    "name": _(
                        "By-election of the seat of %(mandate)s",
                        mandate=mandate.name,
                    ),
                    "kind": "election",
                    "state": "ready",
                    "assembly_id": assembly.id,
                    "mandate_id": mandate.id,
                    "user_id": users[:1].id,
                }
            )
