# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .res_partner import COMMUNITIES


class KomunigiCommunityRule(models.Model):
    """The core team rules of one community, edited by the coordinators.

    The records shipped with the addon hold komunigi's own rules (developers
    1 to 2 seats, users 2 to 3 seats with mandates of at most 24 months)."""

    _name = "komunigi.community.rule"
    _description = "komunigi Core Team Rules of a Community"
    _order = "community"
    _rec_name = "community"

    community = fields.Selection(COMMUNITIES, required=True)
    seats_min = fields.Integer(
        string="Minimum Seats",
        default=1,
        help="Fewer active mandates than this is shown as a warning.",
    )
    seats_max = fields.Integer(
        string="Maximum Seats",
        default=2,
        help="A mandate cannot be activated when all the seats are taken.",
    )
    mandate_max_months = fields.Integer(
        string="Longest Mandate (Months)",
        help="A mandate from this community lasts at most this many months "
        "(so that seats rotate); 0 for no limit.",
    )
    election_notice_days = fields.Integer(
        default=30,
        help="This many days before a mandate ends, an activity is scheduled to "
        "prepare the election of the next core team member.",
    )
    seats_per_organisation = fields.Integer(
        string="Seats per Organisation",
        help="An organisation holds at most this many seats of this community "
        "on any day; 0 for no limit.",
    )
    seats_per_person = fields.Integer(
        string="Seats per Person",
        default=1,
        help="A person holds at most this many core team seats on any day; 0 "
        "for no limit.",
    )
    max_consecutive_mandates = fields.Integer(
        string="Consecutive Mandates",
        help="A person serves at most this many mandates in a row; 0 for no "
        "limit. A mandate starting within the cooling-off period after the "
        "previous one follows it.",
    )
    cooling_off_months = fields.Integer(
        string="Cooling-off (Months)",
        help="After the last allowed consecutive mandate, a person waits this "
        "many months before a new mandate.",
    )
    active_seats = fields.Integer(compute="_compute_seat_warning")
    seat_warning = fields.Char(compute="_compute_seat_warning")

    _sql_constraints = [
        (
            "community_unique",
            "unique(community)",
            "Each community has one set of core team rules.",
        ),
    ]

    @api.constrains(
        "seats_min",
        "seats_max",
        "mandate_max_months",
        "election_notice_days",
        "seats_per_organisation",
        "seats_per_person",
        "max_consecutive_mandates",
        "cooling_off_months",
    )
    def _check_values(self):
        for rule in self:
            if (
                rule.seats_min < 0
                or rule.seats_max < rule.seats_min
                or min(
                    rule.mandate_max_months,
                    rule.election_notice_days,
                    rule.seats_per_organisation,
                    rule.seats_per_person,
                    rule.max_consecutive_mandates,
                    rule.cooling_off_months,
                )
                < 0
            ):
                raise ValidationError(
                    _(
                        "The core team rules of the %(community)s community are "
                        "inconsistent: the seats go from a minimum to a larger or "
                        "equal maximum, and no value can be negative.",
                        community=rule._community_label(),
                    )
                )

    def _community_label(self):
        self.ensure_one()
        return dict(self._fields["community"]._description_selection(self.env))[
            self.community
        ]

    def _compute_seat_warning(self):
        counts = self.env["komunigi.mandate"]._active_seat_counts()
        for rule in self:
            rule.active_seats = counts.get(rule.community, 0)
            rule.seat_warning = rule._seat_warning_message(rule.active_seats)

    def _seat_warning_message(self, active_seats):
        self.ensure_one()
        if active_seats >= self.seats_min:
            return False
        return _(
            "The %(community)s community has %(count)s active core team seat(s), "
            "fewer than the minimum of %(minimum)s: prepare an election.",
            community=self._community_label(),
            count=active_seats,
            minimum=self.seats_min,
        )

    def _cooling_off_free_day(self, date_end):
        """First day a mandate may start without following the mandate that
        ended on date_end."""
        self.ensure_one()
        return date_end + relativedelta(months=self.cooling_off_months, days=1)

    @api.model
    def _for_community(self, community):
        """The rules of a community (defaults when none are configured)."""
        rule = self.sudo().search([("community", "=", community)], limit=1)
        return rule or self.sudo().new({"community": community})
